import { compileExpression, evaluateExpression, positiveTermIds, type CompiledExpr } from '../../src/rules/compile-expression';
import { createTermTable } from '../../src/rules/compile-rule-set';
import { parseExpression } from '../../src/rules/parse-expression';
import type { Rule } from '../../src/rules/rule';
import { termPatterns } from '../../src/rules/term-patterns';
import { codesToString, createFoldedText, foldText } from '../../src/rules/normalise-text';
import type { ItemMatcher } from './item-matcher';

/** One string to find for a term, in folded form, as src/rules/compile-rule-set.ts builds them. */
export interface TermPattern {
  termId: number;
  text: string;
  prefix: boolean;
}

/**
 * The rule side of a matcher, shared by the baseline scanners: distinct terms, their patterns, and
 * which rules fire for a set of found terms. It evaluates rules exactly as compileRuleSet does, so the
 * scanners compared differ only in how they find terms.
 */
export interface RuleIndex {
  patterns: TermPattern[];
  /** Indexes of the rules that fire when exactly these term ids were found, in rule order. */
  firedRules(found: ReadonlySet<number>): number[];
}

export function createRuleIndex(rules: readonly Rule[]): RuleIndex {
  const { terms, idOf } = createTermTable();
  const exprs: CompiledExpr[] = rules.map((rule) => {
    const parsed = parseExpression(rule.expression);
    if (!parsed.ok) throw new Error(`rule ${rule.id}: ${parsed.error.message}`);
    return compileExpression(parsed.expr, idOf);
  });
  const rulesByTerm: number[][] = terms.map(() => []);
  exprs.forEach((expr, index) => positiveTermIds(expr).forEach((id) => rulesByTerm[id]?.push(index)));
  const patterns = terms.flatMap((term, termId) => termPatterns(term).map((text) => ({ termId, text, prefix: term.prefix })));

  return {
    patterns,
    firedRules(found) {
      const candidates = new Set<number>();
      for (const id of found) for (const index of rulesByTerm[id] ?? []) candidates.add(index);
      return [...candidates].sort((a, b) => a - b).filter((index) => evaluateExpression(exprs[index] as CompiledExpr, found));
    },
  };
}

/**
 * A baseline matcher: folds each field of an item as the project's matcher does, lets `findTerms` add
 * the ids of the terms it finds in the folded text, then evaluates the rules through `index`.
 */
export function foldedTextMatcher(
  name: string,
  index: RuleIndex,
  findTerms: (folded: string, codes: Uint16Array, length: number, found: Set<number>) => void,
): ItemMatcher {
  const buffer = createFoldedText();
  const scan = (text: string, found: Set<number>): void => {
    if (text === '') return;
    const { codes, length } = foldText(text, buffer);
    findTerms(codesToString(codes, length), codes, length, found);
  };
  return {
    name,
    match(item) {
      const found = new Set<number>();
      scan(item.title, found);
      scan(item.summary, found);
      for (const category of item.categories) scan(category, found);
      return found.size === 0 ? [] : index.firedRules(found);
    },
  };
}
