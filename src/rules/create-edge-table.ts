/** Trie edges (parent node, symbol) → child node, in flat typed arrays for fast lookups while scanning. */
export interface EdgeTable {
  /** The child, or -1 when there is no such edge. */
  get(node: number, symbol: number): number;
  /** The child, first adding `newChild` as it when there is no such edge. */
  getOrAdd(node: number, symbol: number, newChild: number): number;
}

const NO_CHILD = -1;
/** A slot's first int is its parent plus one, so the zeros a new Int32Array starts with mark empty slots. */
const EMPTY = 0;
const INITIAL_CAPACITY = 1024;
/** Each slot is three Int32s side by side — parent + 1, symbol, child — so a probe reads one cache line, not three. */
const STRIDE = 3;

function slotOf(node: number, symbol: number, mask: number): number {
  let h = Math.imul(node, 0x9e3779b1) ^ symbol;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b); // mix high bits into the low bits that the mask keeps
  return (h ^ (h >>> 13)) & mask;
}

/** All zeros, so all EMPTY: no fill pass over tens of megabytes at 50,000 rules. */
function emptySlots(capacity: number): Int32Array {
  return new Int32Array(capacity * STRIDE);
}

/**
 * An open-addressing hash table (linear probing, at most half full, doubling as it fills), built edge by
 * edge as patterns are inserted into the trie. A Map keyed by numbers costs several times more per
 * lookup — scanning does one lookup per character of every word that starts like some term — and
 * building a trie of 50,000 rules through a Map took seconds. `expectedEdges` sizes it up front, since
 * growing rehashes every edge so far.
 */
export function createEdgeTable(expectedEdges = 0): EdgeTable {
  let capacity = INITIAL_CAPACITY;
  while (capacity < expectedEdges * 2) capacity *= 2;
  let mask = capacity - 1;
  let count = 0;
  let slots = emptySlots(capacity);

  /** Offset in `slots` of the edge's slot, or of the empty slot where it would go. */
  function find(node: number, symbol: number): number {
    let slot = slotOf(node, symbol, mask);
    const key = node + 1;
    for (;;) {
      const at = slot * STRIDE;
      const parent = slots[at];
      if (parent === EMPTY || (parent === key && slots[at + 1] === symbol)) return at;
      slot = (slot + 1) & mask;
    }
  }

  function grow(): void {
    const old = slots;
    mask = (mask + 1) * 2 - 1;
    slots = emptySlots(mask + 1);
    for (let from = 0; from < old.length; from += STRIDE) {
      if (old[from] === EMPTY) continue;
      const at = find((old[from] as number) - 1, old[from + 1] as number);
      slots[at] = old[from] as number;
      slots[at + 1] = old[from + 1] as number;
      slots[at + 2] = old[from + 2] as number;
    }
  }

  return {
    get(node, symbol) {
      const at = find(node, symbol);
      return slots[at] === EMPTY ? NO_CHILD : (slots[at + 2] as number);
    },
    getOrAdd(node, symbol, newChild) {
      let at = find(node, symbol);
      if (slots[at] !== EMPTY) return slots[at + 2] as number;
      if ((count + 1) * 2 > mask + 1) {
        grow();
        at = find(node, symbol);
      }
      slots[at] = node + 1;
      slots[at + 1] = symbol;
      slots[at + 2] = newChild;
      count++;
      return newChild;
    },
  };
}
