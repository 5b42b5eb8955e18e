import { createExpressionWriter } from './compile-expression';
import { parseExpression, type Term, type TermCache } from './parse-expression';
import type { Rule } from './rule';
import { UserError } from '../shared/errors';

/** A rule whose expression is invalid. The message is written for the rule's author. */
export class RuleCompileError extends UserError {
  readonly kind = 'rule-compile';
  constructor(
    readonly ruleId: string,
    readonly column: number,
    reason: string,
  ) {
    super(`rule ${ruleId}: ${reason}`);
  }
}

/**
 * Every rule of a set compiled, in flat arrays indexed by rule rather than an object (and a tree of
 * objects for its expression) per rule: at 50,000 rules those objects were most of what the young
 * generation collector had to copy while compiling.
 */
export interface CompiledRules {
  /** The rules as given (a copy of the list, so a caller editing theirs later changes nothing here). */
  rules: readonly Rule[];
  /** All expressions (see CompiledExpr); rule r's starts at program[exprAt[r]]. */
  program: Int32Array;
  exprAt: Int32Array;
  /** Rule r's distinct term ids, in rule order, are termIds[termStart[r] .. termStart[r + 1]), with its spelling of each in termTexts. */
  termStart: Int32Array;
  termIds: Int32Array;
  termTexts: string[];
}

/**
 * Parses and compiles every rule, numbering terms with `idOf`. Throws RuleCompileError for the first
 * invalid rule. Phrases that many rules write (a commodity, a company) are read once for the whole set.
 */
export function compileRules(rules: readonly Rule[], idOf: (term: Term) => number): CompiledRules {
  const cache: TermCache = new Map();
  const writer = createExpressionWriter(rules.length * 8);
  const exprAt = new Int32Array(rules.length);
  const termStart = new Int32Array(rules.length + 1);
  const termIds: number[] = [];
  const termTexts: string[] = [];
  rules.forEach((rule, r) => {
    const parsed = parseExpression(rule.expression, cache);
    if (!parsed.ok) throw new RuleCompileError(rule.id, parsed.error.column, parsed.error.message);
    // parsed.terms holds the expression's distinct terms (the same objects) in the order the writer
    // meets them, so numbering them first gives the same ids, and the expression then finds most of its
    // terms by identity instead of a second lookup of their key in the rule set's table.
    const first = termIds.length;
    for (const term of parsed.terms) {
      termIds.push(idOf(term));
      termTexts.push(term.text);
    }
    const idInRule = (term: Term): number => {
      const k = parsed.terms.indexOf(term);
      return k >= 0 ? (termIds[first + k] as number) : idOf(term);
    };
    exprAt[r] = writer.write(parsed.expr, idInRule);
    termStart[r + 1] = termIds.length;
  });
  return { rules: rules.slice(), program: writer.program(), exprAt, termStart, termIds: Int32Array.from(termIds), termTexts };
}
