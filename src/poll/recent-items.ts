import { hash53 } from '../shared/hash53';

/**
 * What each feed served at its last completed poll, kept in this process. A feed that changed usually
 * gained one or two items and still carries its other 20–50, all marked seen when that poll completed.
 * Knowing them lets a poll skip their parsing (by their raw XML, see parse-new-items.ts) and their
 * seen-store lookup (by identity): a 500-feed cycle parses ~500 items instead of ~8,600 and looks up
 * ~1,300 keys instead of ~26,000 (BENCHMARKS.md).
 *
 * Memory only, on purpose: after a restart, or on an instance that did not poll lately, every item is
 * parsed and looked up as before. Nothing is remembered from a poll that did not complete.
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

export interface RecentItems {
  of(feedId: string): FeedMemory | undefined;
  /** Replaces what the feed served. Call only once every one of these items is marked seen. */
  remember(feedId: string, items: readonly RememberedItem[]): void;
  /** Forgets feeds that are no longer polled (a server removed its feed). */
  keepOnly(feedIds: ReadonlySet<string>): void;
}

const FIELDS = 4;

export function createRecentItems(): RecentItems {
  const byFeed = new Map<string, Float64Array>();
  return {
    of(feedId) {
      const packed = byFeed.get(feedId);
      return packed === undefined ? undefined : readMemory(packed);
    },
    remember(feedId, items) {
      byFeed.set(feedId, pack(items));
    },
    keepOnly(feedIds) {
      for (const feedId of byFeed.keys()) if (!feedIds.has(feedId)) byFeed.delete(feedId);
    },
  };
}

function pack(items: readonly RememberedItem[]): Float64Array {
  const packed = new Float64Array(items.length * FIELDS);
  items.forEach((item, i) => packed.set([item.identity, item.rawKey ?? Number.NaN, item.id, item.story], i * FIELDS));
  return packed;
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
