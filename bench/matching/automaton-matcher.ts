import AhoCorasick from 'modern-ahocorasick';
import { CHAR_WORD, charClass } from '../../src/rules/char-class';
import type { MatchableText } from '../../src/rules/compile-rule-set';
import { codesToString, createFoldedText, foldText } from '../../src/rules/normalise-text';
import type { Rule } from '../../src/rules/rule';
import type { ItemMatcher } from './item-matcher';
import { createRuleIndex, type TermPattern } from './rule-index';

/**
 * An Aho–Corasick automaton (modern-ahocorasick) over every pattern, run on the folded text; each
 * occurrence is then checked for word boundaries the way the project's scanner treats them.
 */
export function createAutomatonMatcher(rules: readonly Rule[]): ItemMatcher {
  const index = createRuleIndex(rules);
  const automaton = new AhoCorasick<TermPattern>(index.patterns.map((p) => ({ pattern: p.text, data: p })));
  const buffer = createFoldedText();

  const scan = (text: string, found: Set<number>): void => {
    if (text === '') return;
    const { codes, length } = foldText(text, buffer);
    for (const hit of automaton.search(codesToString(codes, length))) {
      const p = hit.data;
      if (p && isWholeWord(codes, length, hit.start, hit.end, p.prefix)) found.add(p.termId);
    }
  };
  return {
    name: 'Aho–Corasick (modern-ahocorasick)',
    match(item: MatchableText) {
      const found = new Set<number>();
      scan(item.title, found);
      scan(item.summary, found);
      for (const category of item.categories) scan(category, found);
      return found.size === 0 ? [] : index.firedRules(found);
    },
  };
}

/** A word-character edge of a pattern must not touch another word character (prefixes may run on). */
function isWholeWord(codes: Uint16Array, length: number, start: number, end: number, prefix: boolean): boolean {
  const isWord = (i: number) => i >= 0 && i < length && charClass(codes[i] ?? 0) === CHAR_WORD;
  if (isWord(start) && isWord(start - 1)) return false;
  return prefix || !(isWord(end - 1) && isWord(end));
}
