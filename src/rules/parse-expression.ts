import { AND, COMMA, ExpressionSyntaxError, LPAREN, MINUS, NOT, OR, QUOTED, RPAREN, WORD, describeAt, tokeniseExpression } from './tokenise-expression';
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

/** How each token kind is named in error messages, by kind (words and quoted phrases are never named). */
const OPERATOR_NAMES: readonly string[] = ['', '', "'('", "')'", "','", "'-'", 'AND', 'OR', 'NOT'];

/**
 * Terms already read, by the phrase as written (a term depends on nothing else). compileRuleSet shares
 * one across all its rules, so a phrase that many rules write ("lithium", a company) is folded once.
 */
export type TermCache = Map<string, Term>;

/**
 * The state of the one parse in progress, at module level rather than in closures made per call:
 * parsing is synchronous, and compiling 50,000 rules made ~10 closures and a parser object for each.
 */
const state = { source: '', tokens: tokeniseExpression(''), position: 0, firstNegation: -1, cache: undefined as TermCache | undefined };

/** The kind of the token at `position`, or -1 past the last one. */
function kindAt(position: number): number {
  return position < state.tokens.count ? (state.tokens.kinds[position] as number) : -1;
}

const startOf = (position: number): number => state.tokens.starts[position] as number;

/** Recursive descent over the tokens. Precedence: NOT/`-` binds tightest, then AND, then OR/`,`. */
function parseOr(): Expr {
  const first = parseAnd(-1);
  let items: Expr[] | undefined;
  for (let k = kindAt(state.position); k === OR || k === COMMA; k = kindAt(state.position)) {
    const operator = state.position++;
    (items ??= [first]).push(parseAnd(operator));
  }
  return items ? { kind: 'or', items } : first;
}

/** Whether a token of this kind can start an operand, so that juxtaposition means AND. */
function startsOperand(kind: number): boolean {
  return kind === WORD || kind === QUOTED || kind === LPAREN || kind === MINUS || kind === NOT;
}

// Juxtaposed operands are ANDed: `rare earth -recycling`, `Lynas (Japan OR JOGMEC)`, `"NdFeB" magnet`.
// `after` is the position of the operator before the operand (for "expected a term after"), or -1.
function parseAnd(after: number): Expr {
  const first = parseUnary(after);
  let items: Expr[] | undefined;
  for (let k = kindAt(state.position); k === AND || (k >= 0 && startsOperand(k)); k = kindAt(state.position)) {
    const operator = k === AND ? state.position++ : -1;
    (items ??= [first]).push(parseUnary(operator));
  }
  return items ? { kind: 'and', items } : first;
}

function parseUnary(after: number): Expr {
  const k = kindAt(state.position);
  if (k === NOT || k === MINUS) {
    const operator = state.position++;
    if (state.firstNegation < 0) state.firstNegation = startOf(operator);
    return { kind: 'not', item: parseUnary(operator) };
  }
  return parsePrimary(after);
}

function parsePrimary(after: number): Expr {
  const at = state.position;
  const k = kindAt(at);
  if (k === WORD || k === QUOTED) return { kind: 'term', term: parsePhrase() };
  if (k === LPAREN) return parseGroup();
  if (k >= 0 && k !== RPAREN) throw new ExpressionSyntaxError(`unexpected ${OPERATOR_NAMES[k]}`, startOf(at));
  if (after >= 0) throw new ExpressionSyntaxError(`expected a term after ${OPERATOR_NAMES[kindAt(after)]}`, startOf(after));
  if (k < 0) throw new ExpressionSyntaxError('empty expression', 0);
  throw new ExpressionSyntaxError('unbalanced parenthesis', startOf(at));
}

function parseGroup(): Expr {
  const open = startOf(state.position++);
  const first = kindAt(state.position);
  if (first < 0) throw new ExpressionSyntaxError('unbalanced parenthesis', open);
  if (first === RPAREN) throw new ExpressionSyntaxError('empty parentheses', open);
  const inner = parseOr();
  if (kindAt(state.position) !== RPAREN) throw new ExpressionSyntaxError('unbalanced parenthesis', open);
  state.position++;
  return inner;
}

// Consecutive bare words form one phrase; a quoted phrase stands alone.
function parsePhrase(): Term {
  const { source, tokens } = state;
  const first = state.position++;
  const start = startOf(first);
  if (tokens.kinds[first] === QUOTED) return termOf(source.slice(start + 1, (tokens.ends[first] as number) - 1), start + 1);
  let end = tokens.ends[first] as number;
  while (kindAt(state.position) === WORD) end = tokens.ends[state.position++] as number;
  return termOf(source.slice(start, end), start);
}

function termOf(raw: string, offset: number): Term {
  const cache = state.cache;
  let term = cache?.get(raw);
  if (term === undefined) {
    term = readTerm(raw, offset);
    cache?.set(raw, term);
  }
  return term;
}

function parseAll(source: string, cache: TermCache | undefined): { expr: Expr; firstNegation: number } {
  state.source = source;
  state.tokens = tokeniseExpression(source);
  state.position = 0;
  state.firstNegation = -1;
  state.cache = cache;
  try {
    const expr = parseOr();
    if (state.position < state.tokens.count) throw new ExpressionSyntaxError('unbalanced parenthesis', startOf(state.position));
    return { expr, firstNegation: state.firstNegation };
  } finally {
    state.source = '';
    state.cache = undefined;
  }
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

/** Beyond this many distinct terms, collectTerms looks keys up in a Map rather than comparing with each. */
const LINEAR_TERMS = 8;

/** The expression's distinct terms (by key) in the order they first appear. */
function collectTerms(expr: Expr, into: Term[], byKey: Set<string> | undefined): Set<string> | undefined {
  if (expr.kind === 'not') return collectTerms(expr.item, into, byKey);
  if (expr.kind !== 'term') {
    for (const item of expr.items) byKey = collectTerms(item, into, byKey);
    return byKey;
  }
  const { term } = expr;
  if (byKey) {
    if (!byKey.has(term.key)) {
      byKey.add(term.key);
      into.push(term);
    }
    return byKey;
  }
  // Most rules have a few terms: comparing keys costs less than a Map per rule.
  for (const seen of into) if (seen === term || seen.key === term.key) return undefined;
  into.push(term);
  return into.length > LINEAR_TERMS ? new Set(into.map((t) => t.key)) : undefined;
}

function parseOrThrow(source: string, cache: TermCache | undefined): ParseResult {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionSyntaxError(`expression too long at column {column} (at most ${MAX_EXPRESSION_LENGTH} characters)`, MAX_EXPRESSION_LENGTH);
  }
  const { expr, firstNegation } = parseAll(source, cache);
  // A rule that holds when nothing was found would fire on every item (and could not be indexed by its terms).
  if (matchesNothingFound(expr)) {
    throw new ExpressionSyntaxError('a rule needs at least one term that must appear (see the exclusion at column {column})', firstNegation);
  }
  const terms: Term[] = [];
  collectTerms(expr, terms, undefined);
  return { ok: true, expr, terms };
}

/**
 * Parses a rule expression such as `Lynas AND (Japan OR JOGMEC)` or `rare earth -recycling`.
 * `terms` lists each distinct term (by key) in the order it first appears. With a `cache`, terms are
 * taken from it and added to it, so rules parsed with one cache share their Term objects.
 */
export function parseExpression(source: string, cache?: TermCache): ParseResult {
  try {
    return parseOrThrow(source, cache);
  } catch (error: unknown) {
    if (error instanceof ExpressionSyntaxError) return { ok: false, error: describeAt(source, error) };
    throw error;
  }
}
