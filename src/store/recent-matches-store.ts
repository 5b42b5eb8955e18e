import type { NewsItem } from '../feeds/news-item';
import type { RuleMatch } from '../rules/compile-rule-set';
import type { CorruptEntryReporter, KeyValue } from './key-value';
import { checkShape, recentMatchShape } from './stored-shapes';
import { createTimeLog } from './time-log';

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

const NAME = 'recent-matches';
/** Enough for ten stories of a narrow topic in most servers. */
export const MAX_RECENT_MATCHES = 150;
/** The log past which entries are not read: as long as earlier versions kept their document. */
const LATEST_MS = Number.MAX_SAFE_INTEGER;

/**
 * A log by time (store/time-log.ts): each hand-over adds its stories without reading any. The document
 * earlier versions rewrote whole at every per-feed hand-over (read, checked, extended, written: a fifth
 * of the bytes a steady poll allocated) is still read until it expires by itself. The log is cut back to
 * the newest MAX_RECENT_MATCHES once that many were added since (and at the first record after a start),
 * so it holds at most about twice that; stories told at the same time as the cut are all kept. A story
 * recorded twice is listed once, where it was first told.
 */
export function createRecentMatchesStore(kv: KeyValue, onCorrupt: CorruptEntryReporter = () => {}): RecentMatchesStore {
  const log = createTimeLog<RecentMatch>(kv, NAME, recentMatchShape, (entry) => entry.at, onCorrupt);
  let addedSinceCut = MAX_RECENT_MATCHES;
  const readLegacy = async () => {
    const value = await kv.get<unknown>(NAME);
    const list = Array.isArray(value) ? value : [];
    return list.flatMap((entry, i) => checkShape<RecentMatch>(recentMatchShape, `${NAME}[${i}]`, entry, onCorrupt) ?? []);
  };
  const cut = async () => {
    const entries = await log.read(0, LATEST_MS);
    const oldestKept = entries[entries.length - MAX_RECENT_MATCHES];
    if (oldestKept) await log.forgetBefore(oldestKept.at);
  };
  return {
    async list() {
      const [legacy, logged] = await Promise.all([readLegacy(), log.read(0, LATEST_MS)]);
      const told = new Set<string>();
      return [...legacy, ...logged].filter((entry) => !told.has(entry.storyId) && told.add(entry.storyId)).slice(-MAX_RECENT_MATCHES);
    },
    async record(entries) {
      if (entries.length === 0) return;
      await log.append(entries);
      addedSinceCut += entries.length;
      if (addedSinceCut < MAX_RECENT_MATCHES) return;
      addedSinceCut = 0;
      await cut();
    },
  };
}
