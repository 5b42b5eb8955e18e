/** Trie edges (parent node, symbol) → child node, in flat typed arrays for fast lookups while scanning. */
export interface EdgeTable {
  /** The child, or -1 when there is no such edge. */
  get(node: number, symbol: number): number;
  /** The child, first adding `newChild` as it when there is no such edge. */
  getOrAdd(node: number, symbol: number, newChild: number): number;
}

const EMPTY = -1;
const INITIAL_CAPACITY = 1024;

function slotOf(node: number, symbol: number, mask: number): number {
  let h = Math.imul(node, 0x9e3779b1) ^ symbol;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b); // mix high bits into the low bits that the mask keeps
  return (h ^ (h >>> 13)) & mask;
}

/**
 * An open-addressing hash table (linear probing, at most half full, doubling as it fills), built edge by
 * edge as patterns are inserted into the trie. A Map keyed by numbers costs several times more per
 * lookup — scanning does one lookup per character of every word that starts like some term — and
 * building a trie of 50,000 rules through a Map took seconds.
 */
export function createEdgeTable(): EdgeTable {
  let mask = INITIAL_CAPACITY - 1;
  let count = 0;
  let slotParent = new Int32Array(INITIAL_CAPACITY).fill(EMPTY);
  let slotSymbol = new Int32Array(INITIAL_CAPACITY);
  let slotChild = new Int32Array(INITIAL_CAPACITY);

  function find(node: number, symbol: number): number {
    let slot = slotOf(node, symbol, mask);
    for (;;) {
      const parent = slotParent[slot];
      if (parent === EMPTY || (parent === node && slotSymbol[slot] === symbol)) return slot;
      slot = (slot + 1) & mask;
    }
  }

  function grow(): void {
    const [parents, symbols, children] = [slotParent, slotSymbol, slotChild];
    mask = parents.length * 2 - 1;
    slotParent = new Int32Array(mask + 1).fill(EMPTY);
    slotSymbol = new Int32Array(mask + 1);
    slotChild = new Int32Array(mask + 1);
    for (let old = 0; old < parents.length; old++) {
      if (parents[old] === EMPTY) continue;
      const slot = find(parents[old] as number, symbols[old] as number);
      slotParent[slot] = parents[old] as number;
      slotSymbol[slot] = symbols[old] as number;
      slotChild[slot] = children[old] as number;
    }
  }

  return {
    get(node, symbol) {
      const slot = find(node, symbol);
      return slotParent[slot] === EMPTY ? EMPTY : (slotChild[slot] as number);
    },
    getOrAdd(node, symbol, newChild) {
      let slot = find(node, symbol);
      if (slotParent[slot] !== EMPTY) return slotChild[slot] as number;
      if ((count + 1) * 2 > mask + 1) {
        grow();
        slot = find(node, symbol);
      }
      slotParent[slot] = node;
      slotSymbol[slot] = symbol;
      slotChild[slot] = newChild;
      count++;
      return newChild;
    },
  };
}
