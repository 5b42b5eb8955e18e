import { hash53 } from '../shared/hash53';

/**
 * The recogniser keeps up to 10,000 members for 48 hours, and kept each one's words, names and facts as
 * Sets of strings: ~8 KB a member, the largest part of the bot's memory at 10,000 feeds (issue 15). A
 * signature keeps them as 53-bit hashes instead (cyrb53, 8 bytes each in one Float64Array), and compares
 * them by merging sorted runs.
 *
 * Two different strings sharing a hash would count as one word. Why that cannot change a verdict in
 * practice: a comparison meets at most ~1,000 × 1,000 pairs of strings, and the bot makes fewer than
 * 10^6 comparisons in two days, so at most ~10^12 pairs are ever tested; with 2^53 ≈ 9 × 10^15 values
 * the chance that any one of them collides is ~10^-4 per two days, and a collision must then also fall on
 * words that decide the verdict. Exact strings would cost eight times the memory for no visible gain.
 */
export function wordHash(word: string): number {
  return hash53(word);
}

/** The distinct hashes of the words, ascending. */
export function sortedHashes(words: Iterable<string>): number[] {
  return [...new Set([...words].map(wordHash))].sort((a, b) => a - b);
}

/** Whether the ascending run `hashes[from, to)` holds `hash` (binary search). */
export function holds(hashes: Float64Array, from: number, to: number, hash: number): boolean {
  let low = from;
  let high = to - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const value = hashes[mid]!;
    if (value === hash) return true;
    if (value < hash) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

/** How many hashes two ascending runs share (a merge: each run is read once). */
export function countShared(a: Float64Array, aFrom: number, aTo: number, b: Float64Array, bFrom: number, bTo: number): number {
  let i = aFrom;
  let j = bFrom;
  let shared = 0;
  while (i < aTo && j < bTo) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}
