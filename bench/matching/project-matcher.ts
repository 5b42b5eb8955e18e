import { compileRuleSet } from '../../src/rules/compile-rule-set';
import type { Rule } from '../../src/rules/rule';
import type { ItemMatcher } from './item-matcher';

/** The matcher the bot runs: src/rules/compile-rule-set.ts (one word-anchored trie for all terms). */
export function createProjectMatcher(rules: readonly Rule[]): ItemMatcher {
  const ruleSet = compileRuleSet(rules);
  return {
    name: 'project (word-anchored trie)',
    match: (item) => ruleSet.match(item).map((m) => m.ruleId),
  };
}
