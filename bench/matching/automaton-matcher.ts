import AhoCorasick from 'modern-ahocorasick';
import { CHAR_WORD, charClass } from '../../src/rules/char-class';
import type { Rule } from '../../src/rules/rule';
import type { ItemMatcher } from './item-matcher';
import { createRuleIndex, foldedTextMatcher, type TermPattern } from './rule-index';

/**
 * An Aho–Corasick automaton (modern-ahocorasick) over every pattern, run on the folded text; each
 * occurrence is then checked for word boundaries the way the project's scanner treats them.
 */
export function createAutomatonMatcher(rules: readonly Rule[]): ItemMatcher {
  const index = createRuleIndex(rules);
  const automaton = new AhoCorasick<TermPattern>(index.patterns.map((p) => ({ pattern: p.text, data: p })));
  return foldedTextMatcher('Aho–Corasick (modern-ahocorasick)', index, (folded, codes, length, found) => {
    for (const hit of automaton.search(folded)) {
      const p = hit.data;
      if (p && isWholeWord(codes, length, hit.start, hit.end, p.prefix)) found.add(p.termId);
    }
  });
}

/** A word-character edge of a pattern must not touch another word character (prefixes may run on). */
function isWholeWord(codes: Uint16Array, length: number, start: number, end: number, prefix: boolean): boolean {
  const isWord = (i: number) => i >= 0 && i < length && charClass(codes[i] ?? 0) === CHAR_WORD;
  if (isWord(start) && isWord(start - 1)) return false;
  return prefix || !(isWord(end - 1) && isWord(end));
}
