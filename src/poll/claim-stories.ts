import { hash53 } from '../shared/hash53';
import { storyItemKey } from '../stories/story';
import type { StoryKey } from '../stories/story-keys';
import type { Candidate } from './sift-feed';

/**
 * One candidate per story even when several feeds carry it in one poll: the first feed to finish claims
 * its keys. A later feed's copy of an item that was matched is not dropped but passed on as an echo of it,
 * so it can join that story ("also reported by"). Synchronous, so two feeds finishing together cannot
 * both claim a story.
 */
export interface StoryClaims {
  /** The candidate to go on (an echo, with only its unclaimed keys, when another feed told it), or undefined. */
  claim(candidate: Candidate): Candidate | undefined;
  /** A first poll's backlog item: whether it claimed its keys (false when another feed had them). */
  claimSeeded(keys: readonly StoryKey[]): boolean;
  /** The claimed candidate was matched: a copy of it from another feed may join its story. */
  told(candidate: Candidate): void;
}

interface Teller {
  feedId: string;
  itemKey: string;
}

export function createStoryClaims(): StoryClaims {
  const claimed = new Set<string>();
  // Only matched items' keys: a few per cycle, unlike the claims of a first poll (~800,000 at 10,000 feeds).
  const tellers = new Map<string, Teller>();
  return {
    claim(candidate) {
      const feedId = candidate.item.feedId;
      const digests = candidate.keys.map((k) => keyDigest(k.key));
      const taken = digests.map((d) => claimed.has(d));
      if (taken[0] === true) return undefined; // the item itself (storyKeysOf puts its key first)
      const holders = digests.flatMap((d, i) => (taken[i] ? (tellers.get(d) ?? []) : []));
      const teller = holders.find((t) => t.feedId !== feedId);
      if (taken.includes(true) && (!teller || holders.some((t) => t.feedId === feedId))) return undefined;
      digests.forEach((d) => claimed.add(d));
      if (!teller) return candidate;
      return { item: candidate.item, keys: candidate.keys.filter((_, i) => !taken[i]), echo: candidate.echo ?? { itemKey: teller.itemKey } };
    },
    claimSeeded(keys) {
      const digests = keys.map((k) => keyDigest(k.key));
      if (digests.some((d) => claimed.has(d))) return false;
      digests.forEach((d) => claimed.add(d));
      return true;
    },
    told(candidate) {
      const teller = { feedId: candidate.item.feedId, itemKey: storyItemKey(candidate.item) };
      for (const key of candidate.keys) {
        const digest = keyDigest(key.key);
        if (!tellers.has(digest)) tellers.set(digest, teller);
      }
    },
  };
}

/**
 * A key as two independent 53-bit hashes: a first poll of 10,000 feeds claims ~800,000 keys, which as
 * the keys themselves (up to 512 characters each) would hold ~100 MB until the cycle ends. At 106 bits
 * the chance that two of a million keys collide is below 10⁻¹⁹.
 */
function keyDigest(key: string): string {
  return `${hash53(key).toString(36)}.${hash53(key, 0x5bd1e995).toString(36)}`;
}
