/**
 * Token kinds. Tokens are numbers in typed arrays rather than objects: compiling 50,000 rules reads
 * ~400,000 tokens, and an object (and a sliced string) for each was a large share of the garbage.
 */
export const WORD = 0;
export const QUOTED = 1;
export const LPAREN = 2;
export const RPAREN = 3;
export const COMMA = 4;
export const MINUS = 5;
export const AND = 6;
export const OR = 7;
export const NOT = 8;

/**
 * The tokens of one expression: token k has kind kinds[k] and covers source units [starts[k], ends[k]);
 * a QUOTED token's text is the units between its quotes. Valid until the next tokeniseExpression call.
 */
export interface TokenList {
  count: number;
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
}

/** A syntax error found while reading an expression; `index` is a UTF-16 offset into the source. */
export class ExpressionSyntaxError extends Error {
  readonly kind = 'rule-syntax';
  constructor(
    readonly reason: string,
    readonly index: number,
  ) {
    super(reason);
  }
}

/** 1-based column of a UTF-16 offset, counted in code points so an emoji is one column. */
export function columnAt(source: string, index: number): number {
  return Array.from(source.slice(0, index)).length + 1;
}

/** Formats a reason with its column: "unbalanced parenthesis at column 14". */
export function describeAt(source: string, error: ExpressionSyntaxError): { message: string; column: number } {
  const column = columnAt(source, error.index);
  const message = error.reason.includes('{column}')
    ? error.reason.replace('{column}', String(column))
    : `${error.reason} at column ${column}`;
  return { message, column };
}

// Full-width forms (typed with a Japanese or Chinese input method) and the curly quotes that phone
// keyboards insert are accepted as the ASCII syntax characters they look like.
const SYNTAX_ALIASES: Readonly<Record<number, number>> = {
  0xff08: 0x28, 0xff09: 0x29, 0xff0c: 0x2c, 0xff0d: 0x2d, 0x201c: 0x22, 0x201d: 0x22, 0x201e: 0x22, 0xff02: 0x22,
};

/** The ASCII syntax character a code unit stands for (itself when it is no alias). */
function syntaxCode(code: number): number {
  return code < 0x80 ? code : (SYNTAX_ALIASES[code] ?? code);
}

const WHITESPACE = /\s/u;

/** Whether the code unit is whitespace (`\s`); ASCII is decided by code, the rest by the regex. */
function isWhitespace(source: string, i: number): boolean {
  const code = source.charCodeAt(i);
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return WHITESPACE.test(source.charAt(i));
}

/** Whether the unit ends a word: whitespace, a parenthesis, a comma or a quote (or their aliases). */
function endsWord(source: string, i: number): boolean {
  const c = syntaxCode(source.charCodeAt(i));
  return c === 0x28 || c === 0x29 || c === 0x2c || c === 0x22 || isWhitespace(source, i);
}

/**
 * AND, OR or NOT when the word [start, end) is one, else WORD. Compared by code, without slicing the
 * word (compiling 50,000 rules reads ~150,000 words); only upper case counts, so "and" stays a word.
 */
function wordKind(source: string, start: number, end: number): number {
  const length = end - start;
  if (length === 2) return source.charCodeAt(start) === 0x4f && source.charCodeAt(start + 1) === 0x52 ? OR : WORD;
  if (length !== 3) return WORD;
  const a = source.charCodeAt(start);
  const b = source.charCodeAt(start + 1);
  const c = source.charCodeAt(start + 2);
  if (a === 0x41 && b === 0x4e && c === 0x44) return AND;
  return a === 0x4e && b === 0x4f && c === 0x54 ? NOT : WORD;
}

/**
 * Reused by every call: parsing is synchronous and an expression has at most MAX_EXPRESSION_LENGTH
 * units, so at most that many tokens; the arrays grow if a longer one is ever tokenised.
 */
const scratch: TokenList = { count: 0, kinds: new Uint8Array(2048), starts: new Int32Array(2048), ends: new Int32Array(2048) };

function push(kind: number, start: number, end: number): void {
  if (scratch.count === scratch.kinds.length) {
    const kinds = new Uint8Array(scratch.count * 2);
    const starts = new Int32Array(scratch.count * 2);
    const ends = new Int32Array(scratch.count * 2);
    kinds.set(scratch.kinds);
    starts.set(scratch.starts);
    ends.set(scratch.ends);
    Object.assign(scratch, { kinds, starts, ends });
  }
  scratch.kinds[scratch.count] = kind;
  scratch.starts[scratch.count] = start;
  scratch.ends[scratch.count] = end;
  scratch.count++;
}

/** End (past the closing quote) of the quoted phrase opening at `start`. */
function quotedEnd(source: string, start: number): number {
  let i = start + 1;
  while (i < source.length && syntaxCode(source.charCodeAt(i)) !== 0x22) i++;
  if (i >= source.length) throw new ExpressionSyntaxError('unterminated quote', start);
  return i + 1;
}

/** Whether the unit after a `-` cannot start the term it excludes (the end, whitespace, `)` or `,`). */
function endsExclusion(source: string, i: number): boolean {
  if (i >= source.length) return true;
  const c = syntaxCode(source.charCodeAt(i));
  return c === 0x29 || c === 0x2c || isWhitespace(source, i);
}

/**
 * Splits an expression into tokens. Operators are recognised only in upper case (`AND`, `OR`, `NOT`):
 * lower-case "and"/"or" stay words of a phrase, so "research and development" can be written bare.
 * A `-` opening a word excludes it; inside a word ("rare-earth") it is part of the word.
 * The list returned is reused by the next call.
 */
export function tokeniseExpression(source: string): TokenList {
  scratch.count = 0;
  let i = 0;
  while (i < source.length) {
    const c = syntaxCode(source.charCodeAt(i));
    if (isWhitespace(source, i)) {
      i++;
    } else if (c === 0x28 || c === 0x29 || c === 0x2c) {
      push(c === 0x28 ? LPAREN : c === 0x29 ? RPAREN : COMMA, i, i + 1);
      i++;
    } else if (c === 0x22) {
      const end = quotedEnd(source, i);
      push(QUOTED, i, end);
      i = end;
    } else if (c === 0x2d) {
      if (endsExclusion(source, i + 1)) {
        throw new ExpressionSyntaxError("expected a term right after '-' at column {column} (write -word)", i);
      }
      push(MINUS, i, i + 1);
      i++;
    } else {
      const start = i;
      while (i < source.length && !endsWord(source, i)) i++;
      push(wordKind(source, start, i), start, i);
    }
  }
  return scratch;
}
