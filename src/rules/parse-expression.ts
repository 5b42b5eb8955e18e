import { ExpressionSyntaxError, describeAt, tokeniseExpression, type Token } from './tokenise-expression';
import { readTerm } from './read-term';

/** A rule's boolean structure. `and`/`or` always have two or more items. */
export type Expr =
  | { kind: 'term'; term: Term }
  | { kind: 'and'; items: Expr[] }
  | { kind: 'or'; items: Expr[] }
  | { kind: 'not'; item: Expr };

/** One phrase of a rule. Two terms with the same `key` match exactly the same text. */
export interface Term {
  /** As written (without quotes, with a trailing `*`), for display. */
  text: string;
  /** Normalised identity: folded text (see normaliseText), plus `*` for a prefix. */
  key: string;
  /** `dyspros*`: the last word only has to start with the text. */
  prefix: boolean;
  /** Contains Han, Hiragana, Katakana or Hangul: matched as a substring on that side. */
  cjk: boolean;
}

/** Why an expression was refused; the message names the column. */
export interface RuleSyntaxError {
  message: string;
  /** 1-based, in code points. */
  column: number;
}

export type ParseResult = { ok: true; expr: Expr; terms: Term[] } | { ok: false; error: RuleSyntaxError };

/** Long enough for a list of a hundred company names, short enough to keep parsing and display cheap. */
export const MAX_EXPRESSION_LENGTH = 2000;

const OPERATOR_NAMES: Readonly<Record<string, string>> = {
  and: 'AND', or: 'OR', not: 'NOT', comma: "','", minus: "'-'", rparen: "')'", lparen: "'('",
};

const OPERAND_STARTS: ReadonlySet<Token['kind']> = new Set(['word', 'quoted', 'lparen', 'minus', 'not']);

/** Recursive descent over the tokens. Precedence: NOT/`-` binds tightest, then AND, then OR/`,`. */
function createParser(source: string, tokens: readonly Token[]) {
  let position = 0;
  let firstNegation = -1;
  const peek = (): Token | undefined => tokens[position];

  function parseOr(): Expr {
    const items = [parseAnd(undefined)];
    for (let t = peek(); t && (t.kind === 'or' || t.kind === 'comma'); t = peek()) {
      position++;
      items.push(parseAnd(t));
    }
    return items.length === 1 && items[0] ? items[0] : { kind: 'or', items };
  }

  // Juxtaposed operands are ANDed: `rare earth -recycling`, `Lynas (Japan OR JOGMEC)`, `"NdFeB" magnet`.
  function parseAnd(after: Token | undefined): Expr {
    const items = [parseUnary(after)];
    for (let t = peek(); t && (t.kind === 'and' || OPERAND_STARTS.has(t.kind)); t = peek()) {
      if (t.kind === 'and') position++;
      items.push(parseUnary(t.kind === 'and' ? t : undefined));
    }
    return items.length === 1 && items[0] ? items[0] : { kind: 'and', items };
  }

  function parseUnary(after: Token | undefined): Expr {
    const t = peek();
    if (t && (t.kind === 'not' || t.kind === 'minus')) {
      position++;
      if (firstNegation < 0) firstNegation = t.start;
      return { kind: 'not', item: parseUnary(t) };
    }
    return parsePrimary(after);
  }

  function parsePrimary(after: Token | undefined): Expr {
    const t = peek();
    if (t?.kind === 'word' || t?.kind === 'quoted') return { kind: 'term', term: parsePhrase() };
    if (t?.kind === 'lparen') return parseGroup(t);
    if (t && t.kind !== 'rparen') throw new ExpressionSyntaxError(`unexpected ${OPERATOR_NAMES[t.kind] ?? t.text}`, t.start);
    if (after) throw new ExpressionSyntaxError(`expected a term after ${OPERATOR_NAMES[after.kind]}`, after.start);
    if (!t) throw new ExpressionSyntaxError('empty expression', 0);
    throw new ExpressionSyntaxError('unbalanced parenthesis', t.start);
  }

  function parseGroup(open: Token): Expr {
    position++;
    const first = peek();
    if (!first) throw new ExpressionSyntaxError('unbalanced parenthesis', open.start);
    if (first.kind === 'rparen') throw new ExpressionSyntaxError('empty parentheses', open.start);
    const inner = parseOr();
    if (peek()?.kind !== 'rparen') throw new ExpressionSyntaxError('unbalanced parenthesis', open.start);
    position++;
    return inner;
  }

  // Consecutive bare words form one phrase; a quoted phrase stands alone.
  function parsePhrase(): Term {
    const first = tokens[position++] as Token;
    if (first.kind === 'quoted') return readTerm(first.text, first.textStart);
    let last = first;
    for (let t = peek(); t?.kind === 'word'; t = peek()) {
      last = t;
      position++;
    }
    return readTerm(source.slice(first.start, last.end), first.start);
  }

  function parseAll(): { expr: Expr; firstNegation: number } {
    const expr = parseOr();
    const rest = peek();
    if (rest) throw new ExpressionSyntaxError('unbalanced parenthesis', rest.start);
    return { expr, firstNegation };
  }

  return { parseAll };
}

/** Whether the expression holds for an item in which no term at all was found. */
export function matchesNothingFound(expr: Expr): boolean {
  switch (expr.kind) {
    case 'term':
      return false;
    case 'and':
      return expr.items.every(matchesNothingFound);
    case 'or':
      return expr.items.some(matchesNothingFound);
    case 'not':
      return !matchesNothingFound(expr.item);
  }
}

function collectTerms(expr: Expr, into: Map<string, Term>): void {
  if (expr.kind === 'term') {
    if (!into.has(expr.term.key)) into.set(expr.term.key, expr.term);
  } else if (expr.kind === 'not') collectTerms(expr.item, into);
  else for (const item of expr.items) collectTerms(item, into);
}

function parseOrThrow(source: string): { expr: Expr; terms: Term[] } {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionSyntaxError(`expression too long at column {column} (at most ${MAX_EXPRESSION_LENGTH} characters)`, MAX_EXPRESSION_LENGTH);
  }
  const { expr, firstNegation } = createParser(source, tokeniseExpression(source)).parseAll();
  // A rule that holds when nothing was found would fire on every item (and could not be indexed by its terms).
  if (matchesNothingFound(expr)) {
    throw new ExpressionSyntaxError('a rule needs at least one term that must appear (see the exclusion at column {column})', firstNegation);
  }
  const terms = new Map<string, Term>();
  collectTerms(expr, terms);
  return { expr, terms: [...terms.values()] };
}

/**
 * Parses a rule expression such as `Lynas AND (Japan OR JOGMEC)` or `rare earth -recycling`.
 * `terms` lists each distinct term (by key) in the order it first appears.
 */
export function parseExpression(source: string): ParseResult {
  try {
    return { ok: true, ...parseOrThrow(source) };
  } catch (error: unknown) {
    if (error instanceof ExpressionSyntaxError) return { ok: false, error: describeAt(source, error) };
    throw error;
  }
}
