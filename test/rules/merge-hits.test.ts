import { MAX_HITS_PER_ITEM, type RuleMatch, type TermHit } from '../../src/rules/compile-rule-set';
import { mergeHits } from '../../src/rules/merge-hits';

const hit = (field: TermHit['field'], start: number, term = 'lynas', index = 0): TermHit => ({ term, field, index, start, end: start + 5 });
const match = (ruleId: string, hits: TermHit[]): RuleMatch => ({ ruleId, topicId: 't', terms: [...new Set(hits.map((h) => h.term))], hits });

describe('mergeHits', () => {
  test.each([
    ['no rules', [], []],
    ['one rule', [match('r1', [hit('title', 0), hit('summary', 4)])], [hit('title', 0), hit('summary', 4)]],
    ['two rules sharing an occurrence, once', [match('r1', [hit('title', 0)]), match('r2', [hit('title', 0, 'Lynas')])], [hit('title', 0)]],
    [
      'rules whose hits interleave, in field and text order',
      [match('r1', [hit('categories', 0, 'x', 1), hit('summary', 9)]), match('r2', [hit('categories', 3, 'x', 0), hit('title', 2)])],
      [hit('title', 2), hit('summary', 9), hit('categories', 3, 'x', 0), hit('categories', 0, 'x', 1)],
    ],
  ])('merges %s', (_case, matches, expected) => {
    expect(mergeHits(matches)).toEqual(expected);
  });

  it('keeps an item matched by a hundred rules to the hits of one', () => {
    const matches = Array.from({ length: 100 }, (_, r) => match(`r${r}`, Array.from({ length: MAX_HITS_PER_ITEM }, (_, i) => hit('summary', (r * 7 + i) * 10))));
    const merged = mergeHits(matches);
    expect(merged).toHaveLength(MAX_HITS_PER_ITEM);
    expect(merged[0]).toEqual(hit('summary', 0));
  });
});
