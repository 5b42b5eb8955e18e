import type { StoryKey } from '../stories/story-keys';
import { coalesceCalls } from '../shared/coalesce-calls';
import type { KeyValue } from './key-value';

/**
 * Items already handled, under every key that identifies them (feed+id, canonical link, title fingerprint).
 * An item counts as seen when ANY of its keys is known: that is what makes dedupe work across feeds and
 * across guid drift. Entries expire (keyv TTL); they are never pruned by "absent from the latest fetch".
 */
export interface SeenStore {
  /** For each key list, whether any of its keys is already seen. One round trip for the whole batch, shared with concurrent calls. */
  seenAny(keyLists: string[][]): Promise<boolean[]>;
  markSeen(entries: readonly StoryKey[]): Promise<void>;
}


export function createSeenStore(kv: KeyValue): SeenStore {
  const storeKey = (key: string) => `seen:${key}`;
  // Feeds of a cycle ask one by one as each is parsed; their lookups share round trips.
  const getMany = coalesceCalls((keys: string[]) => kv.getMany<number>(keys));
  return {
    async seenAny(keyLists) {
      const flat = keyLists.flat();
      const values = await getMany(flat.map(storeKey));
      const known = new Set(flat.filter((_, i) => values[i] !== undefined));
      return keyLists.map((keys) => keys.some((key) => known.has(key)));
    },
    async markSeen(entries) {
      const now = Date.now();
      await kv.setMany(entries.map(({ key, ttlMs }) => ({ key: storeKey(key), value: now, ttlMs })));
    },
  };
}
