import type { StoryKey } from '../stories/story-keys';
import { coalesceCalls } from '../shared/coalesce-calls';
import type { KeyValue } from './key-value';

/**
 * Who first told a key's story: kept only for items that were alerted (told a story), so that the same
 * link or headline from another feed can join that story ("also reported by") instead of vanishing.
 */
export interface SeenOrigin {
  feedId: string;
  storyId: string;
  /** When it was told (ms since the epoch): an echo joins only within the story window. */
  at: number;
}

/** What the store knows of one key: unseen, seen (by an item that told nothing, or before origins were kept), or told. */
export type SeenMark = undefined | 'seen' | SeenOrigin;

/** A key to mark seen, with the story it told when the item was alerted. */
export interface SeenEntry extends StoryKey {
  origin?: SeenOrigin;
}

/**
 * Items already handled, under every key that identifies them (feed+id, canonical link, title fingerprint).
 * An item counts as seen when ANY of its keys is known: that is what makes dedupe work across feeds and
 * across guid drift. Entries expire (keyv TTL); they are never pruned by "absent from the latest fetch".
 */
export interface SeenStore {
  /** For each key list, whether any of its keys is already seen. One round trip for the whole batch, shared with concurrent calls. */
  seenAny(keyLists: string[][]): Promise<boolean[]>;
  /** For each key list, what is known of each key: the same one round trip as `seenAny`, with the origins. */
  lookup(keyLists: string[][]): Promise<SeenMark[][]>;
  markSeen(entries: readonly SeenEntry[]): Promise<void>;
}

export function createSeenStore(kv: KeyValue): SeenStore {
  const storeKey = (key: string) => `seen:${key}`;
  // Feeds of a cycle ask one by one as each is parsed; their lookups share round trips.
  const getMany = coalesceCalls((keys: string[]) => kv.getMany<unknown>(keys));
  const lookup = async (keyLists: string[][]): Promise<SeenMark[][]> => {
    const values = await getMany(keyLists.flat().map(storeKey));
    let at = 0;
    return keyLists.map((keys) => keys.map(() => markOf(values[at++])));
  };
  return {
    lookup,
    async seenAny(keyLists) {
      return (await lookup(keyLists)).map((marks) => marks.some((m) => m !== undefined));
    },
    async markSeen(entries) {
      const now = Date.now();
      // A plain time for the many items that told nothing: the origin costs bytes only where it is used.
      await kv.setMany(entries.map(({ key, ttlMs, origin }) => ({ key: storeKey(key), value: origin ?? now, ttlMs })));
    },
  };
}

/** A stored value as a mark; anything not a well-formed origin (an old plain time, a damaged value) is just "seen". */
function markOf(value: unknown): SeenMark {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null) return 'seen';
  const { feedId, storyId, at } = value as Partial<SeenOrigin>;
  return typeof feedId === 'string' && typeof storyId === 'string' && typeof at === 'number' ? { feedId, storyId, at } : 'seen';
}
