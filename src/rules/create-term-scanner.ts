import { CHAR_SPACE, CHAR_WORD, charClass } from './char-class';
import { createEdgeTable } from './create-edge-table';

/** One string to find for a term, in folded form (see foldText). */
export interface ScanPattern {
  termId: number;
  text: string;
  /** The match may continue into more word characters (`dyspros*`); the hit then covers the whole word. */
  prefix: boolean;
}

/** Finds every pattern occurrence in folded text in one pass; reports (termId, start, end) in code units. */
export interface TermScanner {
  readonly patternCount: number;
  /** Scans the first `length` code units of folded text. */
  scan(codes: Uint16Array, length: number, onHit: HitCallback): void;
}

export type HitCallback = (termId: number, start: number, end: number) => void;

interface Output {
  termId: number;
  prefix: boolean;
  /** The pattern ends in a word character, so the text must not go on with one ("earth" ≠ "earthenware"). */
  checkRight: boolean;
}

const NO_SYMBOL = -1;

/** Numbers the distinct code units of all patterns, so trie edges can be keyed by node * size + symbol. */
function buildAlphabet(patterns: readonly ScanPattern[]): { symbols: Int32Array; size: number } {
  const symbols = new Int32Array(0x10000).fill(NO_SYMBOL);
  let size = 0;
  for (const { text } of patterns) {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (symbols[code] === NO_SYMBOL) symbols[code] = size++;
    }
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

/**
 * Inserts every pattern into a trie; node 0 is the root. The root's edges also go into a direct array,
 * since every walk starts there. A term's patterns come one after another and share its text ("magnet",
 * "magnets", "magnetes"), so each insert resumes from the node where it parts from the previous pattern
 * instead of walking the shared part again: about two thirds of the edge lookups when compiling.
 */
function buildTrie(patterns: readonly ScanPattern[], symbols: Int32Array, size: number) {
  const table = createEdgeTable(newEdgeBound(patterns));
  const rootChildren = new Int32Array(size).fill(-1);
  const outputs: Array<Output[] | undefined> = [undefined];
  let path = new Int32Array(64); // path[k]: the node reached after the previous pattern's first k units
  let previous = '';
  for (const { termId, text, prefix } of patterns) {
    if (text.length >= path.length) {
      const longer = new Int32Array(text.length * 2);
      longer.set(path);
      path = longer;
    }
    const resume = sharedPrefix(previous, text);
    let node = path[resume] ?? 0;
    for (let i = resume; i < text.length; i++) {
      const symbol = symbols[text.charCodeAt(i)] ?? 0;
      const next = table.getOrAdd(node, symbol, outputs.length);
      if (next === outputs.length) {
        outputs.push(undefined);
        if (node === 0) rootChildren[symbol] = next;
      }
      node = next;
      path[i + 1] = node;
    }
    previous = text;
    const checkRight = !prefix && charClass(text.charCodeAt(text.length - 1)) === CHAR_WORD;
    (outputs[node] ??= []).push({ termId, prefix, checkRight });
  }
  return { table, rootChildren, outputs };
}

/** At most how many edges the trie gets: the units of each pattern past what it shares with the one before. */
function newEdgeBound(patterns: readonly ScanPattern[]): number {
  let bound = 0;
  let previous = '';
  for (const { text } of patterns) {
    bound += text.length - sharedPrefix(previous, text);
    previous = text;
  }
  return bound;
}

/**
 * A trie of every pattern of every term, walked from each position where a match may start: the start
 * of a word (a letter or digit not preceded by one), and any CJK or punctuation character, since CJK
 * terms match as substrings. Starting only there makes left word boundaries free and keeps the cost
 * about one short walk per word however many patterns there are, so no failure links are needed.
 * Walks overlap, so "rare earth" and "earth" are both found in "rare earths".
 */
export function createTermScanner(patterns: readonly ScanPattern[]): TermScanner {
  const { symbols, size } = buildAlphabet(patterns);
  const { table, rootChildren, outputs } = buildTrie(patterns, symbols, size);

  function report(codes: Uint16Array, length: number, start: number, end: number, found: Output[], onHit: HitCallback): void {
    for (const { termId, prefix, checkRight } of found) {
      if (checkRight && end < length && charClass(codes[end] ?? 0) === CHAR_WORD) continue;
      let last = end;
      if (prefix) while (last < length && charClass(codes[last] ?? 0) === CHAR_WORD) last++;
      onHit(termId, start, last);
    }
  }

  function scan(codes: Uint16Array, length: number, onHit: HitCallback): void {
    let previous = CHAR_SPACE;
    for (let i = 0; i < length; i++) {
      const current = charClass(codes[i] ?? 0);
      const startsMatch = current !== CHAR_SPACE && !(current === CHAR_WORD && previous === CHAR_WORD);
      previous = current;
      if (!startsMatch) continue;
      const first = symbols[codes[i] ?? 0] ?? NO_SYMBOL;
      let node = first === NO_SYMBOL ? -1 : (rootChildren[first] ?? -1);
      for (let j = i + 1; node >= 0; j++) {
        const found = outputs[node];
        if (found) report(codes, length, i, j, found, onHit);
        const symbol = j < length ? (symbols[codes[j] ?? 0] ?? NO_SYMBOL) : NO_SYMBOL;
        node = symbol === NO_SYMBOL ? -1 : table.get(node, symbol);
      }
    }
  }

  return { patternCount: patterns.length, scan };
}
