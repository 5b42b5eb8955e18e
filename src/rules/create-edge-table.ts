/** Trie edges (parent node, symbol) → child node, in flat typed arrays for fast lookups while scanning. */
export interface EdgeTable {
  /** The child, or -1 when there is no such edge. */
  get(node: number, symbol: number): number;
}

const EMPTY = -1;

function slotOf(node: number, symbol: number, mask: number): number {
  let h = Math.imul(node, 0x9e3779b1) ^ symbol;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b); // mix high bits into the low bits that the mask keeps
  return (h ^ (h >>> 13)) & mask;
}

/**
 * Builds an open-addressing hash table (linear probing, at most half full) from parallel arrays of
 * edges. A Map keyed by numbers costs several times more per lookup, and scanning does one lookup
 * per character of every word that starts like some term.
 */
export function createEdgeTable(parents: readonly number[], symbols: readonly number[], children: readonly number[]): EdgeTable {
  let capacity = 16;
  while (capacity < parents.length * 2) capacity *= 2;
  const mask = capacity - 1;
  const slotParent = new Int32Array(capacity).fill(EMPTY);
  const slotSymbol = new Int32Array(capacity);
  const slotChild = new Int32Array(capacity);
  parents.forEach((parent, i) => {
    let slot = slotOf(parent, symbols[i] ?? 0, mask);
    while (slotParent[slot] !== EMPTY) slot = (slot + 1) & mask;
    slotParent[slot] = parent;
    slotSymbol[slot] = symbols[i] ?? 0;
    slotChild[slot] = children[i] ?? 0;
  });

  function get(node: number, symbol: number): number {
    let slot = slotOf(node, symbol, mask);
    for (;;) {
      const parent = slotParent[slot];
      if (parent === EMPTY) return EMPTY;
      if (parent === node && slotSymbol[slot] === symbol) return slotChild[slot] ?? EMPTY;
      slot = (slot + 1) & mask;
    }
  }

  return { get };
}
