import type { Rule } from '../../src/rules/rule';
import type { ItemMatcher } from './item-matcher';
import { escapeRegExp } from './naive-matcher';
import { createRuleIndex, foldedTextMatcher, type TermPattern } from './rule-index';

const WORD = '[\\p{L}\\p{N}\\p{M}]';
const PREFIX_KEY_LENGTH = 3;

/**
 * One RegExp alternation of every pattern of every term (longest first), run over the folded text.
 * A match moves the search on by one character, so later overlapping terms are found too; but only
 * the longest pattern starting at a given position is, which is this design's blind spot.
 */
export function createCombinedRegExpMatcher(rules: readonly Rule[]): ItemMatcher {
  const index = createRuleIndex(rules);
  const bounded = index.patterns.filter((p) => !hasCjk(p.text));
  const cjk = index.patterns.filter((p) => hasCjk(p.text));
  const scanners = [
    bounded.length > 0 ? new RegExp(`(?<!${WORD})(?:${alternation(bounded)})(?!${WORD})`, 'gu') : undefined,
    cjk.length > 0 ? new RegExp(alternation(cjk), 'gu') : undefined,
  ].filter((r): r is RegExp => r !== undefined);
  const lookup = createPatternLookup(index.patterns);
  return foldedTextMatcher('combined RegExp', index, (folded, _codes, _length, found) => {
    for (const scanner of scanners) {
      scanner.lastIndex = 0;
      for (let m = scanner.exec(folded); m; m = scanner.exec(folded)) {
        lookup(m[0], found);
        scanner.lastIndex = m.index + 1;
      }
    }
  });
}

function alternation(patterns: readonly TermPattern[]): string {
  return [...patterns]
    .sort((a, b) => b.text.length - a.text.length)
    .map((p) => escapeRegExp(p.text) + (p.prefix ? `${WORD}*` : ''))
    .join('|');
}

/** Maps a matched string back to its terms: exact patterns by text, prefix patterns by their first letters. */
function createPatternLookup(patterns: readonly TermPattern[]): (matched: string, found: Set<number>) => void {
  const exact = new Map<string, number[]>();
  const prefixes = new Map<string, TermPattern[]>();
  for (const p of patterns) {
    if (p.prefix) prefixes.set(p.text.slice(0, PREFIX_KEY_LENGTH), [...(prefixes.get(p.text.slice(0, PREFIX_KEY_LENGTH)) ?? []), p]);
    else exact.set(p.text, [...(exact.get(p.text) ?? []), p.termId]);
  }
  return (matched, found) => {
    for (const id of exact.get(matched) ?? []) found.add(id);
    for (const p of prefixes.get(matched.slice(0, PREFIX_KEY_LENGTH)) ?? []) if (matched.startsWith(p.text)) found.add(p.termId);
  };
}

function hasCjk(text: string): boolean {
  return /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]/u.test(text);
}
