import type { RadarConfig } from '../config/config-schema';
import type { StoriesView } from '../discord/bot-deps';
import type { FeedSource } from '../feeds/feed-source';
import { explainStory } from '../delivery/explain-story';
import { createRecentStories, type RecentStories } from '../delivery/recent-stories';
import type { Rule } from '../rules/rule';
import type { GuildSettingsStore } from '../store/guild-settings-store';
import type { CorruptEntryReporter, KeyValue } from '../store/key-value';
import type { DigestStore } from '../store/digest-store';
import type { OutboxStore } from '../store/outbox-store';
import { createGuildRecentStore } from '../store/guild-recent-store';
import { createRecentMatchesStore } from '../store/recent-matches-store';
import { createSeenItemsStore, type SeenItemsStore } from '../store/seen-items-store';
import { createStoryLedgerStore } from '../store/story-ledger-store';
import type { StoryLedger } from '../stories/story-ledger';

export interface StoryServices {
  ledger: StoryLedger;
  seenItems: SeenItemsStore;
  recent: RecentStories;
  /** What /recent, /subscribe backfill and /explain ask. */
  view: StoriesView;
}

/** The composition root's story half: the ledger, the memory of recent items and stories, and their views. */
export function createStoryServices(options: {
  kv: KeyValue;
  onCorrupt: CorruptEntryReporter;
  config: Readonly<RadarConfig>;
  guilds: GuildSettingsStore;
  outbox: OutboxStore;
  digests: DigestStore;
  topics: readonly { id: string; name: string; colour: number }[];
  current(): { rules: readonly Rule[]; feeds: readonly FeedSource[] };
  now(): Date;
  onQueued(): void;
}): StoryServices {
  const { kv, onCorrupt, config, guilds, outbox, digests, topics, current, now } = options;
  const ledger = createStoryLedgerStore(kv, onCorrupt);
  const seenItems = createSeenItemsStore(kv, onCorrupt);
  const recent = createRecentStories({
    store: createRecentMatchesStore(kv, onCorrupt),
    guildStore: createGuildRecentStore(kv, onCorrupt),
    guilds,
    outbox,
    digests,
    builtInTopics: topics,
    current,
    maxItemAgeMs: config.limits.maxItemAgeHours * 3_600_000,
    seenTtlMs: config.limits.seenTtlDays * 86_400_000,
    now,
    onQueued: options.onQueued,
  });
  return {
    ledger,
    seenItems,
    recent,
    view: {
      recent: (guildId, topicId, count) => recent.forGuild(guildId, topicId, count),
      backfill: (subscription, count) => recent.backfill(subscription, count),
      explain: (guildId, query) => explainStory({ seenItems, ledger, guilds, outbox, builtInTopics: topics, current, now }, guildId, query),
    },
  };
}
