import { compileRuleSet, MAX_HITS_PER_ITEM, MAX_HITS_PER_TERM, RuleCompileError, type MatchableText } from '../../src/rules/compile-rule-set';
import { normaliseText } from '../../src/rules/normalise-text';
import { parseExpression, type Expr, type Term } from '../../src/rules/parse-expression';
import type { Rule } from '../../src/rules/rule';
import { UserError } from '../../src/shared/errors';

describe('compileRuleSet errors', () => {
  test('names the rule and the column of the first invalid expression', () => {
    const rules: Rule[] = [
      { id: 'ok-1', topicId: 't', expression: 'Lynas' },
      { id: 'heavy-1', topicId: 't', expression: '(rare earth AND (Japan OR JOGMEC)' },
    ];
    const error = (() => {
      try {
        compileRuleSet(rules);
      } catch (caught: unknown) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(RuleCompileError);
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({ ruleId: 'heavy-1', column: 1, message: 'rule heavy-1: unbalanced parenthesis at column 1' });
  });

  test('compiles an empty rule set that matches nothing', () => {
    const set = compileRuleSet([]);
    expect(set.size).toBe(0);
    expect(set.match({ title: 'rare earth', summary: '', categories: [] })).toEqual([]);
  });
});

/** A small deterministic PRNG so failures reproduce. */
function createRandom(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const TEXT_WORDS = [
  'rare', 'Rare', 'RARE', 'earth', 'earths', 'earthes', 'Earthenware', 'earthquake', 'magnet', 'magnets', 'magnetic', 'Lynas',
  'lynas', 'JOGMEC', 'ＪＯＧＭＥＣ', 'battery', 'batteries', 'box', 'boxes', 'dysprosium', 'Dysprosium\u2019s', 'dyspros',
  'terbium', 'terbiumless', 'NdPr', 'NdPr-oxide', 'oxide', 'Japan', 'china', 'recycling', 'mine', 'mines', 'mining',
  '稀土', '中国稀土集团', 'レアアース', 'tax', 'taxes', 'gas', 'gases', 'rare-earth', 'Rare\u2011Earth', 'ﬁnance', 'finance',
  'DFC', 'DFCs', 'heavy', 'light', 'U.S.', 'Sérra', 'Serra', 'verde', 'the', 'of', 'and', 'prices', 'plant', 'deal',
  'report', 'supply', '2025', 'exports', 'new', 'output', 'for', 'in', 'a', 'to', 'with', 'says', 'market', 'demand',
];
const SEPARATORS = [' ', ' ', ' ', ' ', ', ', '-', '. ', '\u00a0', '  ', '', '\u200b', ' (', ') '];
const TERM_WORDS = [
  'rare', 'earth', 'magnet', 'lynas', 'JOGMEC', 'battery', 'box', 'dysprosium', 'terbium', 'NdPr', 'oxide', 'japan',
  'China', 'recycling', 'mine', 'mining', 'tax', 'gas', 'finance', 'DFC', 'heavy', 'light', 'U.S.', 'Sérra', 'verde',
  '稀土', 'レアアース', '集团',
];

function randomText(random: (n: number) => number, maxWords: number): string {
  const words: string[] = [];
  const count = 1 + random(maxWords);
  const pick = (list: string[]) => list[random(list.length)] ?? '';
  for (let i = 0; i < count; i++) words.push((i > 0 ? pick(SEPARATORS) : '') + pick(TEXT_WORDS));
  return words.join('');
}

function randomTerm(random: (n: number) => number): string {
  const words = Array.from({ length: 1 + random(3) }, () => TERM_WORDS[random(TERM_WORDS.length)] ?? 'x');
  let text = words.join(random(4) === 0 ? '-' : ' ');
  const last = words[words.length - 1] ?? '';
  if (random(6) === 0 && last.length > 4) text = `${text.slice(0, -1 - random(2))}*`;
  return `"${text}"`;
}

function randomExpression(random: (n: number) => number, depth: number): string {
  const choice = depth > 2 ? 0 : random(6);
  const side = () => randomExpression(random, depth + 1);
  if (choice === 0 || choice === 1) return randomTerm(random);
  if (choice === 2) return `${side()} AND ${side()}`;
  if (choice === 3) return `(${side()}, ${side()} OR ${side()})`;
  if (choice === 4) return `${side()} -${randomTerm(random)}`;
  return `(${side()}) NOT (${side()})`;
}

const NON_CJK_WORD = /^(?![\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}])[\p{L}\p{N}\p{M}]$/u;
const isNonCjkWord = (ch: string) => NON_CJK_WORD.test(ch);

/** The language's matching rule for one term, written independently: find each form, check its edges. */
function naiveIsIn(field: string, term: Term): boolean {
  const base = term.prefix ? term.key.slice(0, -1) : term.key;
  const forms = [base];
  if (!term.prefix && /\p{Script=Latin}$/u.test(base)) {
    forms.push(`${base}s`, `${base}es`);
    if (/[^aeiou\s]y$/.test(base)) forms.push(`${base.slice(0, -1)}ies`);
  }
  const checkLeft = isNonCjkWord(base.charAt(0));
  const checkRight = !term.prefix && isNonCjkWord(base.slice(-1));
  return forms.some((form) => {
    for (let i = field.indexOf(form); i >= 0; i = field.indexOf(form, i + 1)) {
      const leftOk = !checkLeft || !isNonCjkWord(field.charAt(i - 1));
      const rightOk = !checkRight || !isNonCjkWord(field.charAt(i + form.length));
      if (leftOk && rightOk) return true;
    }
    return false;
  });
}

function naiveEvaluate(expr: Expr, isFound: (term: Term) => boolean): boolean {
  if (expr.kind === 'term') return isFound(expr.term);
  if (expr.kind === 'not') return !naiveEvaluate(expr.item, isFound);
  if (expr.kind === 'and') return expr.items.every((item) => naiveEvaluate(item, isFound));
  return expr.items.some((item) => naiveEvaluate(item, isFound));
}

describe('compileRuleSet with thousands of rules', () => {
  const random = createRandom(20240611);
  const rules: Rule[] = [];
  while (rules.length < 3000) {
    const expression = randomExpression(random, 0);
    if (parseExpression(expression).ok) rules.push({ id: `r${rules.length}`, topicId: `t${random(7)}`, expression });
  }
  const parsed = rules.map((rule) => {
    const result = parseExpression(rule.expression);
    if (!result.ok) throw new Error(result.error.message);
    return result;
  });
  const set = compileRuleSet(rules);

  test('gives the same answers as evaluating each rule on its own', () => {

    for (let n = 0; n < 250; n++) {
      const text: MatchableText = {
        title: randomText(random, 10),
        summary: randomText(random, 30),
        categories: Array.from({ length: random(3) }, () => randomText(random, 3)),
      };
      const fields = [text.title, text.summary, ...text.categories].map((field) => normaliseText(field).text);
      const found = new Map<string, boolean>();
      const isFound = (term: Term) =>
        found.get(term.key) ?? found.set(term.key, fields.some((field) => naiveIsIn(field, term))).get(term.key)!;
      const expected = rules.flatMap((rule, i) => {
        const { expr, terms } = parsed[i]!;
        if (!naiveEvaluate(expr, isFound)) return [];
        return [{ ruleId: rule.id, terms: terms.filter(isFound).map((term) => term.text) }];
      });
      const actual = set.match(text).map(({ ruleId, terms }) => ({ ruleId, terms }));
      // Deep equality of thousands of objects is slow in expect; compare text first, show a diff on failure.
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        expect({ text, matches: actual }).toEqual({ text, matches: expected });
      }
    }
  });

  test('fires a fair share of the rules, so the comparison means something', () => {
    const fired = new Set<string>();
    for (let n = 0; n < 100; n++) {
      const text = { title: randomText(random, 10), summary: randomText(random, 40), categories: [] };
      for (const match of set.match(text)) fired.add(match.ruleId);
    }
    expect(fired.size).toBeGreaterThan(rules.length / 10);
  });
});

describe('compileRuleSet hit caps', () => {
  // `"!","!!",…` up to 28: in a run of `!` every position starts an occurrence of every term.
  const overlapping = Array.from({ length: 28 }, (_, i) => `"${'!'.repeat(i + 1)}"`).join(',');
  const bangs = '!'.repeat(1_000);

  test.each([
    ['one term in a long title', [{ id: 'r1', topicId: 't', expression: '"!"' }], { title: bangs, summary: '', categories: [] }, MAX_HITS_PER_TERM],
    ['one term in the title and the summary', [{ id: 'r1', topicId: 't', expression: '"!"' }], { title: bangs, summary: bangs, categories: [] }, 2 * MAX_HITS_PER_TERM],
    ['28 overlapping terms in every field', [{ id: 'r1', topicId: 't', expression: overlapping }], { title: bangs, summary: bangs, categories: [bangs, bangs] }, MAX_HITS_PER_ITEM],
    ['a term found a few times', [{ id: 'r1', topicId: 't', expression: 'terbium' }], { title: 'Terbium, terbium and terbium', summary: '', categories: [] }, 3],
  ])('keeps a bounded number of hits for %s', (_case, rules, text, expected) => {
    const [match] = compileRuleSet(rules).match(text);
    expect(match?.hits).toHaveLength(expected);
  });

  it('still fires rules on terms found after the hits ran out, and names every term found', () => {
    const set = compileRuleSet([
      { id: 'flood', topicId: 't', expression: overlapping },
      { id: 'late', topicId: 't', expression: '"!" AND dysprosium' },
    ]);
    const matches = set.match({ title: bangs, summary: bangs, categories: [bangs, 'Dysprosium'] });
    expect(matches.map((m) => m.ruleId)).toEqual(['flood', 'late']);
    expect(matches[0]?.terms).toHaveLength(28);
    expect(matches[1]?.terms).toEqual(['!', 'dysprosium']);
  });

  it('keeps the first occurrences of each term, in text order', () => {
    const [match] = compileRuleSet([{ id: 'r1', topicId: 't', expression: 'Lynas' }]).match({ title: 'Lynas '.repeat(20), summary: '', categories: [] });
    expect(match?.hits.map((h) => h.start)).toEqual(Array.from({ length: MAX_HITS_PER_TERM }, (_, i) => i * 6));
  });
});
