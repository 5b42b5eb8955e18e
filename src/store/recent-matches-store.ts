import type { NewsItem } from '../feeds/news-item';
import type { RuleMatch } from '../rules/compile-rule-set';
import type { CorruptEntryReporter, KeyValue } from './key-value';
import { checkShape, recentMatchShape } from './stored-shapes';

/** A story as first told, with every rule that matched it: routed again on demand (/recent, backfill). */
export interface RecentMatch {
  storyId: string;
  /** When it was matched (ms since the epoch). */
  at: number;
  item: NewsItem;
  matches: RuleMatch[];
}

/** The last stories matched, newest last, whatever server they went to. */
export interface RecentMatchesStore {
  record(entries: readonly RecentMatch[]): Promise<void>;
  list(): Promise<RecentMatch[]>;
}

const KEY = 'recent-matches';
/** Enough for ten stories of a narrow topic in most servers, small enough to rewrite once a poll. */
export const MAX_RECENT_MATCHES = 150;
const TTL_MS = 8 * 86_400_000;

/** One document, rewritten under its lock when a poll matched something; a story already kept is not added twice. */
export function createRecentMatchesStore(kv: KeyValue, onCorrupt: CorruptEntryReporter = () => {}): RecentMatchesStore {
  const read = async () => {
    const value = await kv.get<unknown>(KEY);
    const list = Array.isArray(value) ? value : [];
    return list.flatMap((entry, i) => checkShape<RecentMatch>(recentMatchShape, `${KEY}[${i}]`, entry, onCorrupt) ?? []);
  };
  return {
    list: read,
    async record(entries) {
      if (entries.length === 0) return;
      await kv.withLock(KEY, async () => {
        const current = await read();
        const known = new Set(current.map((e) => e.storyId));
        const added = entries.filter((e) => !known.has(e.storyId));
        if (added.length > 0) await kv.set(KEY, [...current, ...added].slice(-MAX_RECENT_MATCHES), TTL_MS);
      });
    },
  };
}
