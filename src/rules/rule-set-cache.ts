import { createHash } from 'node:crypto';
import { compileRuleSet, type CompiledRuleSet } from './compile-rule-set';
import type { Rule } from './rule';

/** Compiled rule sets kept per scope (a server), each rebuilt only when its rules change. */
export interface RuleSetCache {
  /**
   * The compiled set for `rules`: the one compiled last time for `scope` when the rules are the same,
   * else a new one (which may throw RuleCompileError, like compileRuleSet).
   */
  get(scope: string, rules: readonly Rule[]): CompiledRuleSet;
}

/** Servers whose compiled sets are kept; the least recently used goes first. */
const DEFAULT_MAX_SCOPES = 256;

/**
 * Keyed by the rules' content, not by a version someone must remember to bump: any instance sharing the
 * store sees a server's edit as different content, so no invalidation is needed, and an unchanged set is
 * never compiled twice. Compiling a server's adversarial rules took seconds; hashing them takes microseconds.
 */
export function createRuleSetCache(options: { maxScopes?: number; compile?: (rules: readonly Rule[]) => CompiledRuleSet } = {}): RuleSetCache {
  const maxScopes = options.maxScopes ?? DEFAULT_MAX_SCOPES;
  const compile = options.compile ?? compileRuleSet;
  const entries = new Map<string, { key: string; ruleSet: CompiledRuleSet }>();
  return {
    get(scope, rules) {
      const key = contentKey(rules);
      const cached = entries.get(scope);
      entries.delete(scope); // re-inserted below: Map order is recency order
      const ruleSet = cached?.key === key ? cached.ruleSet : compile(rules);
      entries.set(scope, { key, ruleSet });
      if (entries.size > maxScopes) entries.delete(entries.keys().next().value as string);
      return ruleSet;
    },
  };
}

function contentKey(rules: readonly Rule[]): string {
  const hash = createHash('sha256');
  for (const rule of rules) hash.update(`${rule.id}\u0000${rule.topicId}\u0000${rule.expression}\u0000${rule.guildId ?? ''}\u0001`);
  return hash.digest('hex');
}
