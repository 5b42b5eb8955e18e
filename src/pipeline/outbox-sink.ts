import type { FeedSource } from '../feeds/feed-source';
import type { Rule } from '../rules/rule';
import type { GuildSettingsStore } from '../store/guild-settings-store';
import type { DigestStore } from '../store/digest-store';
import type { OutboxStore } from '../store/outbox-store';
import type { NewsItem } from '../feeds/news-item';
import { STORY_WINDOW_MS } from '../stories/story';
import { dedupeKeys, type DedupeKey } from './dedupe-keys';
import type { AlertSink, MatchedItem } from './matched-item';
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
      const alerts = routeAlerts(items, { builtInTopics: deps.builtInTopics, guilds, rules, feeds, now: deps.now(), maxItemAgeMs: deps.maxItemAgeMs });
      const storyOf = new Map<NewsItem, MatchedItem['story']>(items.map((m) => [m.item, m.story]));
      const routed = alerts.map((alert) => ({ alert, storyKeys: [...dedupeKeys(alert.item, deps.seenTtlMs), ...recognisedStoryKey(storyOf.get(alert.item))] }));
      const { instant, digest } = deps.digests ? splitByDelivery(routed, guilds) : { instant: routed, digest: new Map() };
      // Buffered before the outbox write resolves the sink: either way the items are marked seen only after both.
      for (const [channelId, batch] of digest) await deps.digests?.add(batch.guildId, channelId, batch.stories);
      const queued = await deps.outbox.enqueue(instant);
      if (queued.length > 0) deps.onQueued(queued.length);
    },
  };
}

/**
 * The recognised story (see track-stories.ts) as one more key: a channel given the story by one outlet
 * is not given another outlet's rewrite of it within 48 h; a channel that never had it still gets it.
 */
function recognisedStoryKey(story: MatchedItem['story']): DedupeKey[] {
  return story ? [{ key: `story:${story.id}`, ttlMs: STORY_WINDOW_MS }] : [];
}
