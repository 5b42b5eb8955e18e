import { coalesceCalls } from '../shared/coalesce-calls';
import { hash53 } from '../shared/hash53';
import type { FeedMemoryStore } from '../store/feed-memory-store';

/**
 * What each feed served at its last completed poll. A feed that changed usually gained one or two items
 * and still carries its other 20–50, all marked seen when that poll completed. Knowing them lets a poll
 * skip their parsing (by their raw XML, see parse-new-items.ts) and their seen-store lookup (by identity):
 * a 500-feed cycle parses ~500 items instead of ~8,600 and looks up ~1,300 keys instead of ~26,000
 * (BENCHMARKS.md). Nothing is remembered from a poll that did not complete.
 *
 * Kept in the store as well as in this process: the cycles after a restart, or on an instance of a fleet
 * that did not poll the feed last, would otherwise parse and look up every item of every changed feed,
 * twice the CPU of a steady cycle. This process's copy is used when it made the feed's last successful
 * poll (its state's `lastSuccessAt`); otherwise the store's is read, only for feeds that served a body,
 * batched with the other feeds asking at the same time. An older memory is never wrong, only less useful:
 * all its items were marked seen too. A stored memory is written after the cycle's seen marks and feed
 * states, only when it changed, and expires unless rewritten (a feed nobody polls forgets it).
 *
 * Only hashes of at most 53 bits are kept, four numbers an item in one typed array a feed (~32 bytes an item instead
 * of ~1.5 KB of joined strings), so 10,000 feeds of 35 items take about 11 MB. Every use is an equality
 * test, where a collision between two of one feed's ~50 items is vanishingly unlikely (~2⁻⁴²).
 */
export interface RememberedItem {
  /** Hash of all the item's dedupe keys: an item whose title, link or id changed is not the same item. */
  identity: number;
  /** Hash of the item's raw XML, when the document could be cut into items. */
  rawKey?: number;
  /** Hashes of its id and story, to notice a new item reusing its id (see distrust-duplicate-ids.ts). */
  id: number;
  story: number;
}

/** One feed's last completed poll. */
export interface FeedMemory {
  hasIdentity(identity: number): boolean;
  byRawKey(rawKey: number): RememberedItem | undefined;
}

/** A completed poll: the items it found, or none for a 304 (the feed still serves what it did at `lastSuccessAt`, its state's before this poll). */
export type CompletedPoll = { feedId: string; items: readonly RememberedItem[] } | { feedId: string; lastSuccessAt: string | undefined };

export interface RecentItems {
  /** What the feed served at its last completed poll, as of `lastSuccessAt` (its state's); undefined when unknown. */
  of(feedId: string, lastSuccessAt: string | undefined): Promise<FeedMemory | undefined>;
  /** Replaces what the feeds served, and stores the memories that changed. Call only once every one of these items is marked seen. */
  remember(polls: readonly CompletedPoll[], polledAt: Date): Promise<void>;
  /** Forgets feeds that are no longer polled (a server removed its feed). */
  keepOnly(feedIds: ReadonlySet<string>): Promise<void>;
}

const FIELDS = 4;

/** How memories are stored; the tag changes whenever what the numbers mean does (a hash, the field order), so older ones read as absent. */
export const FEED_MEMORY_LAYOUT = { tag: 'items1', recordLength: FIELDS } as const;

interface Kept {
  items: Float64Array;
  /** The successful poll this memory is current as of (ms since the epoch). */
  polledAt: number;
}

/** Without a store, memory lives in this process only (and every feed is parsed whole after a restart). */
export function createRecentItems(store?: FeedMemoryStore): RecentItems {
  const byFeed = new Map<string, Kept>();
  // Feeds ask one by one as their bodies arrive: those asking while a read is under way share the next one.
  const getMany = store && coalesceCalls((feedIds: string[]) => store.getMany(feedIds));
  return {
    async of(feedId, lastSuccessAt) {
      const kept = byFeed.get(feedId);
      const asOf = Date.parse(lastSuccessAt ?? '');
      // No successful poll yet (a first poll): nothing can have been stored.
      if (!getMany || kept?.polledAt === asOf || Number.isNaN(asOf)) return kept && readMemory(kept.items);
      // A store that cannot be read costs only work here; the seen lookup that follows reports the failure.
      const [stored] = await getMany([feedId]).catch(() => []);
      if (!stored) return kept && readMemory(kept.items);
      byFeed.set(feedId, { items: stored, polledAt: asOf });
      return readMemory(stored);
    },
    async remember(polls, polledAt) {
      const changed: { feedId: string; numbers: Float64Array }[] = [];
      for (const poll of polls) {
        const kept = byFeed.get(poll.feedId);
        if ('items' in poll) {
          const packed = pack(poll.items);
          byFeed.set(poll.feedId, { items: packed, polledAt: polledAt.getTime() });
          if (!kept || !sameNumbers(kept.items, packed)) changed.push({ feedId: poll.feedId, numbers: packed });
        } else if (kept?.polledAt === Date.parse(poll.lastSuccessAt ?? '')) {
          kept.polledAt = polledAt.getTime();
        } else {
          // Another instance polled the feed since this copy was made: the store's is read when needed.
          byFeed.delete(poll.feedId);
        }
      }
      if (changed.length > 0) await store?.setMany(changed);
    },
    async keepOnly(feedIds) {
      const gone = [...byFeed.keys()].filter((feedId) => !feedIds.has(feedId));
      for (const feedId of gone) byFeed.delete(feedId);
      await Promise.all(gone.map((feedId) => store?.delete(feedId)));
    },
  };
}

function pack(items: readonly RememberedItem[]): Float64Array {
  const packed = new Float64Array(items.length * FIELDS);
  items.forEach((item, i) => packed.set([item.identity, item.rawKey ?? Number.NaN, item.id, item.story], i * FIELDS));
  return packed;
}

/** Bit for bit, so that a missing raw key (NaN) equals itself. */
function sameNumbers(a: Float64Array, b: Float64Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/** A feed has tens of items: a scan of its array beats building maps for every poll. */
function readMemory(packed: Float64Array): FeedMemory {
  const find = (field: number, value: number): number => {
    for (let at = field; at < packed.length; at += FIELDS) if (packed[at] === value) return at - field;
    return -1;
  };
  return {
    hasIdentity: (identity) => find(0, identity) >= 0,
    byRawKey(rawKey) {
      const at = find(1, rawKey);
      if (at < 0) return undefined;
      return { identity: packed[at] as number, rawKey, id: packed[at + 2] as number, story: packed[at + 3] as number };
    },
  };
}

/** An item's identity: all its dedupe keys, in order, hashed. */
export function itemIdentity(keys: readonly { key: string }[]): number {
  return hash53(keys.map((k) => k.key).join('\n'));
}
