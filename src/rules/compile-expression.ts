import type { Expr, Term } from './parse-expression';

/** A rule's expression with each term replaced by its index in the rule set's term table. */
export type CompiledExpr =
  | { kind: 'term'; id: number }
  | { kind: 'and' | 'or'; items: CompiledExpr[] }
  | { kind: 'not'; item: CompiledExpr };

/** Replaces terms by ids; `idOf` gives equal ids to terms with equal keys. */
export function compileExpression(expr: Expr, idOf: (term: Term) => number): CompiledExpr {
  if (expr.kind === 'term') return { kind: 'term', id: idOf(expr.term) };
  if (expr.kind === 'not') return { kind: 'not', item: compileExpression(expr.item, idOf) };
  return { kind: expr.kind, items: expr.items.map((item) => compileExpression(item, idOf)) };
}

/** Whether the expression holds when exactly the terms in `found` were found. */
export function evaluateExpression(node: CompiledExpr, found: { has(id: number): boolean }): boolean {
  switch (node.kind) {
    case 'term':
      return found.has(node.id);
    case 'and':
      return node.items.every((item) => evaluateExpression(item, found));
    case 'or':
      return node.items.some((item) => evaluateExpression(item, found));
    case 'not':
      return !evaluateExpression(node.item, found);
  }
}

/**
 * Ids of the terms under an even number of NOTs. Since the parser refuses expressions that hold when
 * nothing is found, a rule can only fire when at least one of these is found, so rules are indexed by them.
 */
export function positiveTermIds(node: CompiledExpr, negated = false, into = new Set<number>()): Set<number> {
  if (node.kind === 'term') {
    if (!negated) into.add(node.id);
  } else if (node.kind === 'not') positiveTermIds(node.item, !negated, into);
  else for (const item of node.items) positiveTermIds(item, negated, into);
  return into;
}

/**
 * Terms at least one of which must be found for the expression to hold (or, when `negated`, to fail):
 * the terms a rule is indexed by. Where any of several operands would do (an AND that must hold, an OR
 * that must fail), the cheapest one is taken, `cost` being the summed cost of its terms; so
 * `Lynas AND (Japan OR JOGMEC)` is indexed by Lynas alone, and an item mentioning Japan does not make it
 * a candidate. undefined when nothing needs to be found (a bare exclusion), so no index is possible.
 */
export function triggerTermIds(node: CompiledExpr, cost: (id: number) => number, negated = false): number[] | undefined {
  if (node.kind === 'term') return negated ? undefined : [node.id];
  if (node.kind === 'not') return triggerTermIds(node.item, cost, !negated);
  const options = node.items.map((item) => triggerTermIds(item, cost, negated));
  // An AND holds (an OR fails) only if every operand does: one operand's triggers are enough.
  if ((node.kind === 'and') !== negated) return cheapest(options, cost);
  // An OR holds (an AND fails) if any operand does: every operand's triggers are needed.
  if (options.some((ids) => ids === undefined)) return undefined;
  return [...new Set(options.flatMap((ids) => ids ?? []))];
}

function cheapest(options: readonly (number[] | undefined)[], cost: (id: number) => number): number[] | undefined {
  let best: number[] | undefined;
  let bestCost = Number.POSITIVE_INFINITY;
  for (const ids of options) {
    if (ids === undefined) continue;
    const total = ids.reduce((sum, id) => sum + cost(id), 0);
    if (total < bestCost) [best, bestCost] = [ids, total];
  }
  return best;
}
