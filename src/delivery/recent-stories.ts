import type { Alert } from './alert';
import type { FeedSource } from '../feeds/feed-source';
import { itemTime, type NewsItem } from '../feeds/news-item';
import type { Rule } from '../rules/rule';
import type { GuildSettings } from '../guilds/guild-settings';
import type { GuildSettingsStore } from '../store/guild-settings-store';
import type { DigestStore } from '../store/digest-store';
import type { OutboxStore } from '../store/outbox-store';
import { recentListName, type GuildRecentStore } from '../store/guild-recent-store';
import type { RecentMatch, RecentMatchesStore } from '../store/recent-matches-store';
import { storyItemKey } from '../stories/story';
import { recognisedStoryKey, storyKeysOf } from '../stories/story-keys';
import { STORY_WINDOW_MS } from '../stories/story';
import type { MatchedItem } from '../poll/matched-item';
import { routeAlerts } from './route-alerts';
import { splitByDelivery } from './split-by-delivery';

/** The channel /recent routes to: none of the server's, so every story is routed there once. */
const RECENT_CHANNEL = 'recent';

/** What /recent and backfill may ask for at most. */
export const MAX_RECENT_STORIES = 10;

export interface RecentStoriesDeps {
  store: RecentMatchesStore;
  /** Per server, the stories it was routed: /recent and backfill see them however busy the bot is. */
  guildStore?: GuildRecentStore;
  guilds: GuildSettingsStore;
  outbox: OutboxStore;
  /** A digest channel's backfill goes into its next digest; absent, it is posted as for any channel. */
  digests?: DigestStore;
  builtInTopics: readonly { id: string; name: string; colour: number }[];
  current(): { rules: readonly Rule[]; feeds: readonly FeedSource[] };
  maxItemAgeMs: number;
  seenTtlMs: number;
  now(): Date;
  onQueued(count: number): void;
}

/** The last stories matched, routed again for one server on demand. */
export interface RecentStories {
  /**
   * Keeps the cycle's stories as first told (a retelling is not a story of its own), and per server the
   * stories `routed` to it (a retelling too, when it is the first a server was given of its story).
   */
  remember(items: readonly MatchedItem[], now: Date, routed?: readonly { guildId: string; item: NewsItem; topics: readonly { id: string }[] }[]): Promise<void>;
  /** The last `count` stories this server would have received (for a topic, or any), newest first. */
  forGuild(guildId: string, topicId: string | undefined, count: number): Promise<Alert[]>;
  /**
   * Queues the latest `count` stories of the last `maxItemAgeMs` for a new subscription, oldest first, the
   * way the channel takes its alerts: packed into one message, one forum post each, compact lines, or into
   * the next digest. Returns how many, and where they went.
   */
  backfill(subscription: { guildId: string; channelId: string; topicId?: string }, count: number): Promise<Backfilled>;
}

/** How many stories a backfill queued, and whether they wait for the channel's next digest. */
export interface Backfilled {
  count: number;
  into: 'channel' | 'digest';
}

export function createRecentStories(deps: RecentStoriesDeps): RecentStories {
  /**
   * Routed through the server's real rules, feeds and mutes as if one channel subscribed to `topicId`:
   * what it would have been sent, whether or not it has a subscription now.
   */
  const route = async (guildId: string, channelId: string, topicId: string | undefined, settings: GuildSettings): Promise<Alert[]> => {
    const stories = await storiesFor(guildId, topicId);
    const items: MatchedItem[] = stories.map((s) => ({ item: s.item, matches: s.matches, story: { id: s.storyId, joined: false } }));
    // A forum stays a forum: each backfilled story is its own post there, as live ones are.
    const forum = settings.subscriptions.some((s) => s.channelId === channelId && s.forum === true);
    const createdAt = deps.now().toISOString();
    const subscriptions = askedTopics(settings, channelId, topicId).map((topic) => ({ channelId, createdAt, ...(topic ? { topicId: topic } : {}), ...(forum ? { forum } : {}) }));
    const guild = { ...settings, subscriptions };
    const { rules, feeds } = deps.current();
    const alerts = routeAlerts(items, { builtInTopics: deps.builtInTopics, guilds: [guild], rules, feeds, now: deps.now() });
    const storyOf = new Map(stories.map((s) => [s.item, s.storyId]));
    return alerts.map((a) => ({ ...a, storyId: storyOf.get(a.item) ?? storyItemKey(a.item) })).sort((a, b) => Date.parse(itemTime(a.item)) - Date.parse(itemTime(b.item)));
  };
  /** The server's own stories and the bot's last ones (a topic it never had may still have some), once each. */
  const storiesFor = async (guildId: string, topicId: string | undefined): Promise<RecentMatch[]> => {
    const [own, all] = await Promise.all([deps.guildStore?.list(recentListName(guildId, topicId)) ?? [], deps.store.list()]);
    const seen = new Set<string>();
    return [...own, ...all].filter((s) => !seen.has(s.storyId) && seen.add(s.storyId));
  };
  return {
    async remember(items, now, routed = []) {
      const entries = new Map(items.map((m) => [m.item, { storyId: m.story?.id ?? storyItemKey(m.item), at: now.getTime(), ...boundedForRecall(m) }]));
      await deps.store.record(items.filter((m) => m.story?.joined !== true).flatMap((m) => entries.get(m.item) ?? []));
      if (!deps.guildStore || routed.length === 0) return;
      const lists = new Map<string, RecentMatch[]>();
      for (const { guildId, item, topics } of routed) {
        const entry = entries.get(item);
        if (!entry) continue;
        for (const name of [recentListName(guildId), ...topics.map((t) => recentListName(guildId, t.id))]) {
          const list = lists.get(name) ?? [];
          if (!list.includes(entry)) lists.set(name, [...list, entry]);
        }
      }
      await deps.guildStore.record([...new Set([...lists.values()].flat())], lists, now.getTime());
    },
    async forGuild(guildId, topicId, count) {
      return (await route(guildId, RECENT_CHANNEL, topicId, await deps.guilds.get(guildId))).slice(-clamp(count)).reverse();
    },
    async backfill({ guildId, channelId, topicId }, count) {
      if (clamp(count) === 0 || count <= 0) return { count: 0, into: 'channel' };
      const since = deps.now().getTime() - deps.maxItemAgeMs;
      const settings = await deps.guilds.get(guildId);
      const fresh = (await route(guildId, channelId, topicId, settings)).filter((a) => Date.parse(itemTime(a.item)) >= since);
      const chosen = fresh.slice(-clamp(count)).map((alert): Alert => ({ ...alert, backfill: true }));
      // The same story keys as live alerts: whatever was backfilled is not posted again when it comes back.
      const routed = chosen.map((alert) => ({ alert, storyKeys: [...storyKeysOf(alert.item, deps.seenTtlMs), recognisedStoryKey(alert.storyId!, STORY_WINDOW_MS)] }));
      // As live alerts: a digest channel collects them for its due time, a compact one gets lines.
      const { instant, digest } = deps.digests ? splitByDelivery(routed, [settings]) : { instant: routed, digest: new Map() };
      const batch = digest.get(channelId);
      if (batch) return { count: await deps.digests!.add(guildId, channelId, batch.stories), into: 'digest' };
      const queued = await deps.outbox.enqueue(instant);
      if (queued.length > 0) deps.onQueued(queued.length);
      return { count: queued.length, into: 'channel' };
    },
  };
}

/**
 * The topics asked for: the one named; for /recent without one, those the server's subscriptions take
 * (what it would have received), or every topic before it has any; a backfill's channel, its own topic.
 */
function askedTopics(settings: GuildSettings, channelId: string, topicId: string | undefined): (string | undefined)[] {
  if (topicId !== undefined || channelId !== RECENT_CHANNEL) return [topicId];
  const topics = settings.subscriptions.filter((s) => !s.broken).map((s) => s.topicId);
  return topics.length === 0 || topics.includes(undefined) ? [undefined] : [...new Set(topics)];
}

function clamp(count: number): number {
  return Math.max(1, Math.min(MAX_RECENT_STORIES, Math.floor(count)));
}

/** Kept summaries are cut (an alert shows far less of one), with the hits that fell beyond the cut. */
const RECALL_SUMMARY_CHARS = 1_000;

function boundedForRecall(matched: MatchedItem): { item: MatchedItem['item']; matches: MatchedItem['matches'] } {
  if (matched.item.summary.length <= RECALL_SUMMARY_CHARS) return matched;
  const item = { ...matched.item, summary: matched.item.summary.slice(0, RECALL_SUMMARY_CHARS) };
  const matches = matched.matches.map((m) => ({ ...m, hits: m.hits.filter((h) => h.field !== 'summary' || h.end <= RECALL_SUMMARY_CHARS) }));
  return { item, matches };
}
