import { compileRuleSet, RuleCompileError } from '../../src/rules/compile-rule-set';
import type { Rule } from '../../src/rules/rule';
import { createRuleSetCache } from '../../src/rules/rule-set-cache';

const rule = (id: string, expression: string): Rule => ({ id, topicId: 't', expression });
const lynas = [rule('r1', 'Lynas'), rule('r2', 'JOGMEC')];

function countingCache(maxScopes?: number) {
  const compiled: string[][] = [];
  const cache = createRuleSetCache({
    maxScopes,
    compile: (rules) => {
      compiled.push(rules.map((r) => r.expression));
      return compileRuleSet(rules);
    },
  });
  return { cache, compiled };
}

describe('createRuleSetCache', () => {
  it('compiles a server’s rules once while they stay the same', () => {
    const { cache, compiled } = countingCache();
    const first = cache.get('A', lynas);
    expect(cache.get('A', [...lynas.map((r) => ({ ...r }))])).toBe(first);
    expect(compiled).toHaveLength(1);
    expect(first.match({ title: 'Lynas ships', summary: '', categories: [] }).map((m) => m.ruleId)).toEqual(['r1']);
  });

  test.each([
    ['an edited expression', [rule('r1', 'Lynas'), rule('r2', 'Sojitz')]],
    ['an added rule', [...lynas, rule('r3', 'Sojitz')]],
    ['a removed rule', [rule('r1', 'Lynas')]],
    ['a rule moved to another topic', [rule('r1', 'Lynas'), { ...rule('r2', 'JOGMEC'), topicId: 'u' }]],
  ])('compiles again after %s', (_case, changed) => {
    const { cache, compiled } = countingCache();
    const before = cache.get('A', lynas);
    const after = cache.get('A', changed);
    expect(after).not.toBe(before);
    expect(compiled).toHaveLength(2);
    expect(cache.get('A', changed)).toBe(after);
  });

  it('keeps servers apart and forgets the least recently used beyond its size', () => {
    const { cache, compiled } = countingCache(2);
    const a = cache.get('A', lynas);
    cache.get('B', [rule('r1', 'Sojitz')]);
    expect(cache.get('A', lynas)).toBe(a);
    cache.get('C', [rule('r1', 'cobalt')]); // evicts B, the least recently used
    expect(cache.get('A', lynas)).toBe(a);
    cache.get('B', [rule('r1', 'Sojitz')]);
    expect(compiled).toHaveLength(4);
  });

  it('throws for an invalid rule and still compiles the corrected rules', () => {
    const { cache } = countingCache();
    expect(() => cache.get('A', [rule('r1', '(Lynas')])).toThrow(RuleCompileError);
    expect(cache.get('A', lynas).size).toBe(2);
  });
});
