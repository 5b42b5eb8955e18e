import type { FeedSource } from '../feeds/feed-source';
import type { Rule } from '../rules/rule';
import type { GuildSettingsStore } from '../store/guild-settings-store';
import type { DigestStore } from '../store/digest-store';
import type { OutboxStore } from '../store/outbox-store';
import type { NewsItem } from '../feeds/news-item';
import type { Alert } from './alert';
import { STORY_WINDOW_MS, storyItemKey } from '../stories/story';
import type { StoryLedger } from '../stories/story-ledger';
import type { RecentStories } from './recent-stories';
import { storyItemOf } from './record-posts';
import { recognisedStoryKey, storyKeysOf, type StoryKey } from '../stories/story-keys';
import type { AlertSink, MatchedItem } from '../poll/matched-item';
import { routeAlerts } from './route-alerts';
import { splitByDelivery } from './split-by-delivery';

export interface OutboxSinkDeps {
  guilds: GuildSettingsStore;
  outbox: OutboxStore;
  /** Digest channels' stories wait here for their due time (see flush-digests.ts). */
  digests?: DigestStore;
  builtInTopics: readonly { id: string; name: string; colour: number }[];
  /** The rules and feeds of the cycle being delivered (global and every server's). */
  current(): { rules: readonly Rule[]; feeds: readonly FeedSource[] };
  seenTtlMs: number;
  /** A subscription receives nothing published longer than this before it was created. */
  maxItemAgeMs?: number;
  /** Called after new alerts are queued, to start sending without waiting for the next tick. */
  onQueued(count: number): void;
  now(): Date;
  /** Stories already posted: an item joining one edits its messages ("also reported by") instead. */
  ledger?: StoryLedger;
  /** Keeps the stories for /recent and backfill. */
  recent?: Pick<RecentStories, 'remember'>;
}

/**
 * The Discord-side sink: routes matched items to subscribed channels and records the alerts in the
 * outbox. Resolving means they are stored durably, so the poll cycle may then mark the items seen.
 */
export function createOutboxSink(deps: OutboxSinkDeps): AlertSink {
  return {
    async deliver(items) {
      if (items.length === 0) return;
      const { rules, feeds } = deps.current();
      const guilds = await deps.guilds.all();
      const storyOf = new Map<NewsItem, MatchedItem['story']>(items.map((m) => [m.item, m.story]));
      const alerts = routeAlerts(items, { builtInTopics: deps.builtInTopics, guilds, rules, feeds, now: deps.now(), maxItemAgeMs: deps.maxItemAgeMs }).map((alert) => ({
        ...alert,
        storyId: storyOf.get(alert.item)?.id ?? storyItemKey(alert.item),
      }));
      const { toPost, edits } = deps.ledger ? await joinPostedStories(deps.ledger, alerts, storyOf, deps.now()) : { toPost: alerts, edits: 0 };
      const routed = toPost.map((alert) => ({ alert, storyKeys: [...storyKeysOf(alert.item, deps.seenTtlMs), ...storyKeyOf(storyOf.get(alert.item))] }));
      const { instant, digest } = deps.digests ? splitByDelivery(routed, guilds) : { instant: routed, digest: new Map() };
      // Buffered before the outbox write resolves the sink: either way the items are marked seen only after both.
      for (const [channelId, batch] of digest) await deps.digests?.add(batch.guildId, channelId, batch.stories);
      const queued = await deps.outbox.enqueue(instant);
      if (deps.ledger) await awaitPosts(deps.ledger, instant.map((i) => i.alert), new Set(queued.map((a) => a.id)), storyOf, deps.now());
      if (queued.length + edits > 0) deps.onQueued(queued.length);
      await deps.recent?.remember(items, deps.now(), alerts);
    },
  };
}

/** The recognised story as one more key, when stories are tracked. */
export function storyKeyOf(story: MatchedItem['story']): StoryKey[] {
  return story ? [recognisedStoryKey(story.id, STORY_WINDOW_MS)] : [];
}

/**
 * An item retelling a story already posted in a channel is not posted there again: it is recorded in the
 * story, and the channel's message gets its outlet in an edit. Channels the story has not reached (not
 * posted yet, or only the retelling matched there) keep the alert; the outbox's story keys decide.
 */
async function joinPostedStories(
  ledger: StoryLedger,
  alerts: readonly Alert[],
  storyOf: ReadonlyMap<NewsItem, MatchedItem['story']>,
  now: Date,
): Promise<{ toPost: Alert[]; edits: number }> {
  const skipped = new Set<Alert>();
  let edits = 0;
  const joined = alerts.filter((a) => storyOf.get(a.item)?.joined === true);
  for (const item of new Set(joined.map((a) => a.item))) {
    const storyId = storyOf.get(item)!.id;
    const posted = new Set((await ledger.get(storyId))?.posts.map((p) => p.channelId) ?? []);
    const here = joined.filter((a) => a.item === item && posted.has(a.channelId));
    if (here.length === 0) continue;
    here.forEach((a) => skipped.add(a));
    edits += (await ledger.join(storyId, storyItemOf(item), here.map((a) => a.channelId), now)).length;
  }
  return { toPost: alerts.filter((a) => !skipped.has(a)), edits };
}

/**
 * A retelling refused because the channel's alert of the story still waits (same poll, or Discord slow):
 * its outlet is noted, and added to the message once that alert is posted.
 */
async function awaitPosts(ledger: StoryLedger, toPost: readonly Alert[], queued: ReadonlySet<string>, storyOf: ReadonlyMap<NewsItem, MatchedItem['story']>, now: Date): Promise<void> {
  const refused = toPost.filter((a) => !queued.has(a.id) && storyOf.get(a.item)?.joined === true);
  for (const item of new Set(refused.map((a) => a.item))) {
    await ledger.awaitPost(storyOf.get(item)!.id, storyItemOf(item), refused.filter((a) => a.item === item).map((a) => a.channelId), now);
  }
}
