/**
 * What each feed served at its last completed poll, kept in this process. A feed that changed usually
 * gained one or two items and still carries its other 20–50, all marked seen when that poll completed.
 * Knowing them lets a poll skip their parsing (by their raw XML, see parse-new-items.ts) and their
 * seen-store lookup (by identity): a 500-feed cycle parses ~500 items instead of ~8,600 and looks up
 * ~1,300 keys instead of ~26,000 (BENCHMARKS.md).
 *
 * Memory only, on purpose: after a restart, or on an instance that did not poll lately, every item is
 * parsed and looked up as before. Nothing is remembered from a poll that did not complete.
 */
export interface RememberedItem {
  /** All the item's dedupe keys, joined: an item whose title, link or id changed is not the same item. */
  identity: string;
  /** Hash of the item's raw XML, when the document could be cut into items. */
  rawKey?: string;
  /** Its id and story, to notice a new item reusing its id (see distrust-duplicate-ids.ts). */
  id: string;
  story: string;
}

/** One feed's last completed poll. */
export interface FeedMemory {
  hasIdentity(identity: string): boolean;
  byRawKey(rawKey: string): RememberedItem | undefined;
}

export interface RecentItems {
  of(feedId: string): FeedMemory | undefined;
  /** Replaces what the feed served. Call only once every one of these items is marked seen. */
  remember(feedId: string, items: readonly RememberedItem[]): void;
  /** Forgets feeds that are no longer polled (a server removed its feed). */
  keepOnly(feedIds: ReadonlySet<string>): void;
}

export function createRecentItems(): RecentItems {
  const byFeed = new Map<string, FeedMemory>();
  return {
    of: (feedId) => byFeed.get(feedId),
    remember(feedId, items) {
      const identities = new Set(items.map((item) => item.identity));
      const byRaw = new Map(items.flatMap((item) => (item.rawKey === undefined ? [] : [[item.rawKey, item] as const])));
      byFeed.set(feedId, { hasIdentity: (identity) => identities.has(identity), byRawKey: (rawKey) => byRaw.get(rawKey) });
    },
    keepOnly(feedIds) {
      for (const feedId of byFeed.keys()) if (!feedIds.has(feedId)) byFeed.delete(feedId);
    },
  };
}

/** An item's identity: all its dedupe keys, in order. */
export function itemIdentity(keys: readonly { key: string }[]): string {
  return keys.map((k) => k.key).join('\n');
}
