import { compileExpression, evaluateExpression, triggerTermIds, type CompiledExpr } from '../../src/rules/compile-expression';
import { parseExpression, type Term } from '../../src/rules/parse-expression';

/** Compiles a rule's text with ids in order of first appearance; `names` maps ids back to term keys. */
function compile(source: string): { expr: CompiledExpr; names: string[] } {
  const parsed = parseExpression(source);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const names: string[] = [];
  const idOf = (term: Term) => (names.includes(term.key) ? names.indexOf(term.key) : names.push(term.key) - 1);
  return { expr: compileExpression(parsed.expr, idOf), names };
}

/** Rare terms cost less, as in the rule set, where cost is how many rules mention a term. */
const COMMON = new Set(['japan', 'china', 'lithium', 'nickel', 'price']);

function triggersOf(source: string): string[] | undefined {
  const { expr, names } = compile(source);
  const ids = triggerTermIds(expr, (id) => (COMMON.has(names[id] ?? '') ? 50 : 1));
  return ids?.map((id) => names[id] ?? '?').sort();
}

describe('the terms a rule is filed under (triggerTermIds)', () => {
  it.each([
    ['JOGMEC', ['jogmec']],
    ['dysprosium OR terbium', ['dysprosium', 'terbium']],
    ['Lynas AND (Japan OR JOGMEC)', ['lynas']],
    ['(Japan OR JOGMEC) AND Lynas', ['lynas']],
    ['Sojitz AND NOT lithium', ['sojitz']],
    ['(dysprosium OR terbium) AND China', ['dysprosium', 'terbium']],
    ['NOT (NOT Lynas OR price)', ['lynas']],
    ['"heavy rare earth" AND (Japan OR China) AND NOT nickel', ['heavy rare earth']],
    ['Iluka AND NOT (lithium AND NOT terbium)', ['iluka']],
  ])('files %s under %j', (source, expected) => {
    expect(triggersOf(source)).toEqual(expected);
  });

  /**
   * What the index must never do is hide a match: whenever a rule holds, one of its trigger terms was
   * found. Checked for every set of found terms, on rules of every shape over four terms.
   */
  it('never leaves out a rule that holds, whatever combination of terms an item contains', () => {
    const atoms = ['Lynas', 'Japan', 'terbium', 'price'];
    const shapes = ['A AND B', 'A OR B', 'A AND NOT B', '(A OR B) AND C', '(A AND B) OR (C AND D)', 'A AND NOT (B OR C)', 'NOT (NOT A OR B) OR (C AND D)', '(A OR B) AND NOT (C AND D)'];
    const missed: string[] = [];
    for (const shape of shapes) {
      for (const order of [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2]]) {
        const source = shape.replace(/[ABCD]/g, (letter) => atoms[order['ABCD'.indexOf(letter)] ?? 0] ?? '');
        const { expr, names } = compile(source);
        const triggers = triggerTermIds(expr, (id) => (COMMON.has(names[id] ?? '') ? 50 : 1));
        if (!triggers) throw new Error(`no trigger terms for ${source}`);
        for (let mask = 0; mask < 1 << names.length; mask++) {
          const found = new Set(names.map((_, id) => id).filter((id) => (mask & (1 << id)) !== 0));
          if (evaluateExpression(expr, found) && !triggers.some((id) => found.has(id))) missed.push(`${source} with ${[...found].map((id) => names[id]).join(', ')}`);
        }
      }
    }
    expect(missed).toEqual([]);
  });
});
