import type { CorruptEntryReporter, KeyValue } from './key-value';
import { checkShape, seenItemShape, storyBucketShape } from './stored-shapes';
import { createTimeLog } from './time-log';

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

/**
 * A log by time (store/time-log.ts): each per-feed hand-over adds its items, once the hour's count allows,
 * without reading any; an hour found full is remembered, so later hand-overs of that hour write nothing.
 * Items older than the window are dropped once an hour. Instances of a fleet may together overshoot an
 * hour's bound by one hand-over each. Hourly documents of earlier versions (`seen-items:<hour>`) are
 * still read until they expire by themselves.
 */
export function createSeenItemsStore(kv: KeyValue, onCorrupt: CorruptEntryReporter = () => {}): SeenItemsStore {
  const log = createTimeLog<SeenItem>(kv, 'seen-items', seenItemShape, (item) => item.at, onCorrupt);
  let fullHour: number | undefined;
  let prunedHour: number | undefined;
  return {
    async record(items, nowMs) {
      const hour = Math.floor(nowMs / HOUR_MS);
      if (items.length === 0 || fullHour === hour) return;
      if (prunedHour !== hour) await log.forgetBefore(nowMs - SEEN_ITEMS_WINDOW_MS);
      prunedHour = hour;
      const room = MAX_SEEN_ITEMS_PER_HOUR - (await log.count(hour * HOUR_MS, (hour + 1) * HOUR_MS - 1));
      if (room <= items.length) fullHour = hour;
      if (room <= 0) return;
      await log.append(items.slice(0, room).map((item) => ({ ...item, title: item.title.slice(0, 300), link: item.link.slice(0, 600), canonicalLink: item.canonicalLink.slice(0, 600) })));
    },
    async load(nowMs) {
      const sinceMs = nowMs - SEEN_ITEMS_WINDOW_MS;
      const [legacy, logged] = await Promise.all([readLegacyBuckets(kv, nowMs, onCorrupt), log.read(sinceMs, nowMs + HOUR_MS)]);
      return [...legacy.filter((item) => item.at >= sinceMs), ...logged];
    },
  };
}

/** Earlier versions' hourly documents, oldest first. */
async function readLegacyBuckets(kv: KeyValue, nowMs: number, onCorrupt: CorruptEntryReporter): Promise<SeenItem[]> {
  const key = (hour: number) => `seen-items:${hour}`;
  const last = Math.floor(nowMs / HOUR_MS);
  const hours = Array.from({ length: SEEN_ITEMS_WINDOW_MS / HOUR_MS + 1 }, (_, i) => last - i).reverse();
  const buckets = await kv.getMany<unknown>(hours.map(key));
  return buckets.flatMap((bucket, i) =>
    (checkShape<unknown[]>(storyBucketShape, key(hours[i]!), bucket, onCorrupt) ?? []).flatMap((entry, j) => checkShape<SeenItem>(seenItemShape, `${key(hours[i]!)}[${j}]`, entry, onCorrupt) ?? []),
  );
}
