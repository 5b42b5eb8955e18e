import type { CorruptEntryReporter, KeyValue } from './key-value';
import { checkShape, seenItemShape, storyBucketShape } from './stored-shapes';

const HOUR_MS = 3_600_000;
/** How long /explain can tell about an item: two days, the window in which stories are merged too. */
export const SEEN_ITEMS_WINDOW_MS = 48 * HOUR_MS;
/** Items kept per hour: a burst beyond it is not explained, rather than let the memory grow. */
export const MAX_SEEN_ITEMS_PER_HOUR = 500;

/** A new item as a poll found it, and what it matched: enough to say later why it was or was not sent. */
export interface SeenItem {
  feedId: string;
  itemId: string;
  title: string;
  link: string;
  canonicalLink: string;
  /** When the poll found it (ms since the epoch). */
  at: number;
  /** The story it tells, when a rule matched it. */
  storyId?: string;
  matches: { ruleId: string; topicId: string }[];
}

export interface SeenItemsStore {
  record(items: readonly SeenItem[], nowMs: number): Promise<void>;
  /** The items of the last 48 hours, oldest first. */
  load(nowMs: number): Promise<SeenItem[]>;
}

/** Hourly documents (`seen-items:<hour>`) expiring after the window, so nothing needs pruning. */
export function createSeenItemsStore(kv: KeyValue, onCorrupt: CorruptEntryReporter = () => {}): SeenItemsStore {
  const key = (hour: number) => `seen-items:${hour}`;
  const readBucket = (name: string, value: unknown): SeenItem[] =>
    (checkShape<unknown[]>(storyBucketShape, name, value, onCorrupt) ?? []).flatMap((entry, i) => checkShape<SeenItem>(seenItemShape, `${name}[${i}]`, entry, onCorrupt) ?? []);
  return {
    async record(items, nowMs) {
      if (items.length === 0) return;
      const hour = Math.floor(nowMs / HOUR_MS);
      await kv.withLock(key(hour), async () => {
        const current = readBucket(key(hour), await kv.get(key(hour)));
        if (current.length >= MAX_SEEN_ITEMS_PER_HOUR) return;
        const bounded = items.slice(0, MAX_SEEN_ITEMS_PER_HOUR - current.length).map((item) => ({ ...item, title: item.title.slice(0, 300), link: item.link.slice(0, 600), canonicalLink: item.canonicalLink.slice(0, 600) }));
        await kv.set(key(hour), [...current, ...bounded], SEEN_ITEMS_WINDOW_MS + HOUR_MS);
      });
    },
    async load(nowMs) {
      const last = Math.floor(nowMs / HOUR_MS);
      const hours = Array.from({ length: SEEN_ITEMS_WINDOW_MS / HOUR_MS + 1 }, (_, i) => last - i).reverse();
      const buckets = await kv.getMany<unknown>(hours.map(key));
      return buckets.flatMap((bucket, i) => readBucket(key(hours[i]!), bucket)).filter((item) => item.at >= nowMs - SEEN_ITEMS_WINDOW_MS);
    },
  };
}
