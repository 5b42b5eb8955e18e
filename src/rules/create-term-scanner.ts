import { CHAR_WORD, charClass } from './char-class';
import { createEdgeTable } from './create-edge-table';
import type { FoldedText } from './normalise-text';
import type { Term } from './parse-expression';
import { termPatternShape, type TermPatternShape } from './term-patterns';

/** Finds every pattern of every term in folded text in one pass; reports (termId, start, end) in code units. */
export interface TermScanner {
  readonly patternCount: number;
  /** Scans folded text from each of its match starts. */
  scan(folded: FoldedText, onHit: HitCallback): void;
}

export type HitCallback = (termId: number, start: number, end: number) => void;

const NO_SYMBOL = -1;
const NO_NODE = -1;
const NO_OUTPUT = -1;
/** The match may continue into more word characters (`dyspros*`); the hit then covers the whole word. */
const PREFIX = 1;
/** The pattern ends in a word character, so the text must not go on with one ("earth" ≠ "earthenware"). */
const CHECK_RIGHT = 2;
const S = 0x73;
const E = 0x65;
const I = 0x69;

/** Numbers the distinct code units of all patterns, so trie edges can be keyed by node * size + symbol. */
function buildAlphabet(shapes: readonly TermPatternShape[]): { symbols: Int32Array; size: number } {
  const symbols = new Int32Array(0x10000).fill(NO_SYMBOL);
  let size = 0;
  const add = (code: number) => {
    if (symbols[code] === NO_SYMBOL) symbols[code] = size++;
  };
  for (const { base, plurals, ies } of shapes) {
    for (let i = 0; i < base.length; i++) add(base.charCodeAt(i));
    if (plurals) [S, E].forEach(add);
    if (ies) add(I);
  }
  return { symbols, size: Math.max(size, 1) };
}

/** Length of the prefix two strings share. */
function sharedPrefix(a: string, b: string): number {
  const most = Math.min(a.length, b.length);
  let k = 0;
  while (k < most && a.charCodeAt(k) === b.charCodeAt(k)) k++;
  return k;
}

/** At most how many edges the trie gets: each base past what it shares with the one before, and its plural endings. */
function newEdgeBound(shapes: readonly TermPatternShape[]): number {
  let bound = 0;
  let previous = '';
  for (const { base, plurals, ies } of shapes) {
    bound += base.length - sharedPrefix(previous, base) + (plurals ? 3 : 0) + (ies ? 3 : 0);
    previous = base;
  }
  return bound;
}

function countPatterns(shapes: readonly TermPatternShape[]): number {
  return shapes.reduce((sum, { plurals, ies }) => sum + 1 + (plurals ? 2 : 0) + (ies ? 1 : 0), 0);
}

/**
 * Inserts every term's patterns into a trie; node 0 is the root. The root's edges also go into a direct
 * array, since every walk starts there. A term's plurals are its base plus an ending, so they are added
 * as edges from the base's last nodes rather than walked from the root as strings of their own; and
 * each base resumes from the node where it parts from the previous one (terms often share a first word).
 * Each node's outputs are a linked list in typed arrays, in insertion order (term order), so a trie of
 * 50,000 rules makes no object per node or pattern.
 */
function buildTrie(terms: readonly Term[], shapes: readonly TermPatternShape[], symbols: Int32Array, size: number) {
  const edgeBound = newEdgeBound(shapes);
  const table = createEdgeTable(edgeBound);
  const rootChildren = new Int32Array(size).fill(NO_NODE);
  const outHead = new Int32Array(edgeBound + 1).fill(NO_OUTPUT);
  const outTail = new Int32Array(edgeBound + 1);
  const patternCount = countPatterns(shapes);
  const outTerm = new Int32Array(patternCount);
  const outFlags = new Uint8Array(patternCount);
  const outNext = new Int32Array(patternCount).fill(NO_OUTPUT);
  let nodeCount = 1;
  let outputCount = 0;

  const child = (node: number, code: number): number => {
    const symbol = symbols[code] ?? 0;
    const next = table.getOrAdd(node, symbol, nodeCount);
    if (next === nodeCount) {
      nodeCount++;
      if (node === 0) rootChildren[symbol] = next;
    }
    return next;
  };
  const output = (node: number, termId: number, flags: number): void => {
    const at = outputCount++;
    outTerm[at] = termId;
    outFlags[at] = flags;
    if (outHead[node] === NO_OUTPUT) outHead[node] = at;
    else outNext[outTail[node] ?? 0] = at;
    outTail[node] = at;
  };

  let path = new Int32Array(64); // path[k]: the node reached after the previous base's first k units
  let previous = '';
  shapes.forEach(({ base, plurals, ies }, termId) => {
    if (base.length >= path.length) {
      const longer = new Int32Array(base.length * 2);
      longer.set(path);
      path = longer;
    }
    const resume = sharedPrefix(previous, base);
    let node = path[resume] ?? 0;
    for (let i = resume; i < base.length; i++) {
      node = child(node, base.charCodeAt(i));
      path[i + 1] = node;
    }
    previous = base;
    const prefix = terms[termId]?.prefix ?? false;
    const endsWord = charClass(base.charCodeAt(base.length - 1)) === CHAR_WORD;
    output(node, termId, prefix ? PREFIX : endsWord ? CHECK_RIGHT : 0);
    if (!plurals) return;
    output(child(node, S), termId, CHECK_RIGHT);
    output(child(child(node, E), S), termId, CHECK_RIGHT);
    if (ies) output(child(child(child(path[base.length - 1] ?? 0, I), E), S), termId, CHECK_RIGHT);
  });
  return { table, rootChildren, outHead, outTerm, outFlags, outNext, patternCount };
}

/**
 * A trie of every pattern of every term (`terms[i]` has id i), walked from each position where a match
 * may start: the start of a word (a letter or digit not preceded by one), and any CJK or punctuation
 * character, since CJK terms match as substrings. foldText lists those positions. Starting only there
 * makes left word boundaries free and keeps the cost about one short walk per word however many
 * patterns there are, so no failure links are needed. Walks overlap, so "rare earth" and "earth" are
 * both found in "rare earths".
 */
export function createTermScanner(terms: readonly Term[]): TermScanner {
  const shapes = terms.map(termPatternShape);
  const { symbols, size } = buildAlphabet(shapes);
  const { table, rootChildren, outHead, outTerm, outFlags, outNext, patternCount } = buildTrie(terms, shapes, symbols, size);

  function report(codes: Uint16Array, length: number, start: number, end: number, first: number, onHit: HitCallback): void {
    for (let at = first; at !== NO_OUTPUT; at = outNext[at] ?? NO_OUTPUT) {
      const flags = outFlags[at] ?? 0;
      if ((flags & CHECK_RIGHT) !== 0 && end < length && charClass(codes[end] ?? 0) === CHAR_WORD) continue;
      let last = end;
      if ((flags & PREFIX) !== 0) while (last < length && charClass(codes[last] ?? 0) === CHAR_WORD) last++;
      onHit(outTerm[at] ?? 0, start, last);
    }
  }

  function scan(folded: FoldedText, onHit: HitCallback): void {
    const { codes, length, matchStarts, startCount } = folded;
    for (let k = 0; k < startCount; k++) {
      const i = matchStarts[k] ?? 0;
      const first = symbols[codes[i] ?? 0] ?? NO_SYMBOL;
      let node = first === NO_SYMBOL ? NO_NODE : (rootChildren[first] ?? NO_NODE);
      for (let j = i + 1; node !== NO_NODE; j++) {
        const found = outHead[node] ?? NO_OUTPUT;
        if (found !== NO_OUTPUT) report(codes, length, i, j, found, onHit);
        const symbol = j < length ? (symbols[codes[j] ?? 0] ?? NO_SYMBOL) : NO_SYMBOL;
        node = symbol === NO_SYMBOL ? NO_NODE : table.get(node, symbol);
      }
    }
  }

  return { patternCount, scan };
}
