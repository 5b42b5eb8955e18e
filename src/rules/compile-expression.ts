import type { Expr, Term } from './parse-expression';

/**
 * A rule's expression with each term replaced by its index in the rule set's term table, as the node
 * at `code[at]` of a flat program. Every node is [op, end, ...]: a term [TERM, end, id], a NOT
 * [NOT, end, operand], an AND or OR [op, end, operands...], `end` being the offset just past the node.
 * A rule set writes all its rules into one program: compiling 50,000 rules as trees of objects kept
 * ~20 MB of small objects alive, which the young-generation collector copied over and over.
 */
export interface CompiledExpr {
  readonly code: Int32Array;
  readonly at: number;
}

const TERM = 0;
const AND = 1;
const OR = 2;
const NOT = 3;
const OPS: Readonly<Record<Exclude<Expr['kind'], 'term'>, number>> = { and: AND, or: OR, not: NOT };

/** Writes expressions one after another into one growing program; `write` returns where each starts. */
export function createExpressionWriter(capacity = 1024) {
  let code = new Int32Array(capacity);
  let length = 0;

  function reserve(units: number): void {
    if (length + units <= code.length) return;
    const larger = new Int32Array(Math.max(code.length * 2, length + units));
    larger.set(code.subarray(0, length));
    code = larger;
  }

  function write(expr: Expr, idOf: (term: Term) => number): number {
    const at = length;
    reserve(3);
    if (expr.kind === 'term') {
      code[at] = TERM;
      code[at + 1] = at + 3;
      code[at + 2] = idOf(expr.term);
      length = at + 3;
      return at;
    }
    code[at] = OPS[expr.kind];
    length = at + 2;
    if (expr.kind === 'not') write(expr.item, idOf);
    else for (const item of expr.items) write(item, idOf);
    code[at + 1] = length;
    return at;
  }

  return { write, program: (): Int32Array => code.subarray(0, length) };
}

/** Replaces terms by ids; `idOf` gives equal ids to terms with equal keys. */
export function compileExpression(expr: Expr, idOf: (term: Term) => number): CompiledExpr {
  const writer = createExpressionWriter(16);
  const at = writer.write(expr, idOf);
  return { code: writer.program(), at };
}

/** Whether the expression holds when exactly the terms in `found` were found. */
export function evaluateExpression(node: CompiledExpr, found: { has(id: number): boolean }): boolean {
  return evaluateAt(node.code, node.at, found);
}

/** evaluateExpression for the node at code[at], without an object per rule. */
export function evaluateAt(code: Int32Array, at: number, found: { has(id: number): boolean }): boolean {
  const op = code[at];
  if (op === TERM) return found.has(code[at + 2] as number);
  if (op === NOT) return !evaluateAt(code, at + 2, found);
  const end = code[at + 1] as number;
  const all = op === AND;
  for (let item = at + 2; item < end; item = code[item + 1] as number) {
    if (evaluateAt(code, item, found) !== all) return !all;
  }
  return all;
}

/**
 * Ids of the terms under an even number of NOTs. Since the parser refuses expressions that hold when
 * nothing is found, a rule can only fire when at least one of these is found, so rules are indexed by them.
 */
export function positiveTermIds(node: CompiledExpr, negated = false, into = new Set<number>()): Set<number> {
  const { code, at } = node;
  const op = code[at];
  if (op === TERM) {
    if (!negated) into.add(code[at + 2] as number);
  } else if (op === NOT) positiveTermIds({ code, at: at + 2 }, !negated, into);
  else for (let item = at + 2; item < (code[at + 1] as number); item = code[item + 1] as number) positiveTermIds({ code, at: item }, negated, into);
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
  return triggersAt(node.code, node.at, cost, negated);
}

function triggersAt(code: Int32Array, at: number, cost: (id: number) => number, negated: boolean): number[] | undefined {
  const op = code[at];
  if (op === TERM) return negated ? undefined : [code[at + 2] as number];
  if (op === NOT) return triggersAt(code, at + 2, cost, !negated);
  const options: (number[] | undefined)[] = [];
  for (let item = at + 2; item < (code[at + 1] as number); item = code[item + 1] as number) options.push(triggersAt(code, item, cost, negated));
  // An AND holds (an OR fails) only if every operand does: one operand's triggers are enough.
  if ((op === AND) !== negated) return cheapest(options, cost);
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
