import { parseExpression, type Expr, type Term } from '../../src/rules/parse-expression';
import type { Rule } from '../../src/rules/rule';
import { termPatterns } from '../../src/rules/term-patterns';
import type { ItemMatcher } from './item-matcher';

const WORD = '[\\p{L}\\p{N}\\p{M}]';

/**
 * The naive baseline: every rule keeps its own RegExps (one per term, case-insensitive, with Unicode
 * word boundaries, spaces and hyphens interchangeable, the same plurals as the real matcher), and
 * every rule is tested in turn against the item's joined text.
 */
export function createNaiveMatcher(rules: readonly Rule[]): ItemMatcher {
  const tests = rules.map((rule) => {
    const parsed = parseExpression(rule.expression);
    if (!parsed.ok) throw new Error(`rule ${rule.id}: ${parsed.error.message}`);
    return compileTest(parsed.expr);
  });
  return {
    name: 'one RegExp per term, rule by rule',
    match(item) {
      const text = `${item.title}\n${item.summary}\n${item.categories.join('\n')}`;
      const fired: number[] = [];
      tests.forEach((test, index) => {
        if (test(text)) fired.push(index);
      });
      return fired;
    },
  };
}

function compileTest(expr: Expr): (text: string) => boolean {
  if (expr.kind === 'term') {
    const pattern = termRegExp(expr.term);
    return (text) => pattern.test(text);
  }
  if (expr.kind === 'not') {
    const inner = compileTest(expr.item);
    return (text) => !inner(text);
  }
  const items = expr.items.map(compileTest);
  return expr.kind === 'and' ? (text) => items.every((test) => test(text)) : (text) => items.some((test) => test(text));
}

function termRegExp(term: Term): RegExp {
  const alternatives = termPatterns(term).map((pattern) => escapeRegExp(pattern).replace(/ /g, '[\\s\\-]+'));
  const body = `(?:${alternatives.join('|')})${term.prefix ? `${WORD}*` : ''}`;
  return new RegExp(term.cjk ? body : `(?<!${WORD})${body}(?!${WORD})`, 'iu');
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
