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
