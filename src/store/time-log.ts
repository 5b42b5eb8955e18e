import type { Shape } from './shape';
import type { CorruptEntryReporter, KeyValue } from './key-value';
import { checkShape } from './stored-shapes';

/**
 * Entries kept by time in one sorted index (a ZSET on Redis, rows on SQLite), each its own member: adding
 * one costs one small write, whatever the log holds. Documents of many entries (one per hour, as the story
 * index and /explain's memory were) had to be read, parsed, extended and rewritten whole at each per-feed
 * hand-over, which at 2,000 feeds cost more CPU than the poll itself (BENCHMARKS.md "Scale").
 */
export interface TimeLog<T> {
  /** Adds the entries; one equal to an entry already kept (same JSON, same time) is kept once. */
  append(entries: readonly T[]): Promise<void>;
  /** Entries timed from `sinceMs` to `untilMs`, oldest first; unreadable ones are reported once and dropped. */
  read(sinceMs: number, untilMs: number): Promise<T[]>;
  count(sinceMs: number, untilMs: number): Promise<number>;
  /** Drops the entries timed before `ms`. */
  forgetBefore(ms: number): Promise<void>;
}

export function createTimeLog<T>(kv: KeyValue, name: string, shape: Shape, timeOf: (entry: T) => number, onCorrupt: CorruptEntryReporter): TimeLog<T> {
  return {
    async append(entries) {
      await kv.index.add(name, entries.map((entry) => ({ member: JSON.stringify(entry), score: timeOf(entry) })));
    },
    async read(sinceMs, untilMs) {
      const members = await kv.index.range(name, sinceMs, untilMs);
      const unreadable: string[] = [];
      const entries = members.flatMap((member) => {
        const entry = checkShape<T>(shape, `index:${name}:${member.slice(0, 80)}`, parse(member), onCorrupt);
        if (entry === undefined) unreadable.push(member);
        return entry ?? [];
      });
      await kv.index.remove(name, unreadable);
      return entries;
    },
    count: (sinceMs, untilMs) => kv.index.count(name, sinceMs, untilMs),
    forgetBefore: (ms) => kv.index.removeBelow(name, ms),
  };
}

/** Unparseable JSON reads as `null`, which no entry's shape accepts: reported as the wrong shape. */
function parse(member: string): unknown {
  try {
    return JSON.parse(member);
  } catch {
    return null;
  }
}
