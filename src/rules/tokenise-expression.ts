/** A piece of a rule expression. `start`/`end` are UTF-16 offsets into the source. */
export interface Token {
  kind: 'word' | 'quoted' | 'lparen' | 'rparen' | 'comma' | 'minus' | 'and' | 'or' | 'not';
  start: number;
  end: number;
  /** For 'word', the word as written; for 'quoted', the text between the quotes. */
  text: string;
  /** For 'quoted', the offset of the text between the quotes. */
  textStart: number;
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
const SYNTAX_ALIASES: Readonly<Record<string, string>> = {
  '\uff08': '(', '\uff09': ')', '\uff0c': ',', '\uff0d': '-', '\u201c': '"', '\u201d': '"', '\u201e': '"', '\uff02': '"',
};

function syntaxChar(ch: string): string {
  return SYNTAX_ALIASES[ch] ?? ch;
}

const WHITESPACE = /\s/u;
/**
 * Compared as strings, not looked up in an object: a keyed lookup with a freshly sliced word costs more
 * than the rest of tokenising (compiling 50,000 rules reads ~150,000 words), and an object also answers
 * for `constructor` or `toString`, which made rules using those words fail to compile.
 */
function operatorKind(word: string): Token['kind'] {
  if (word === 'AND') return 'and';
  if (word === 'OR') return 'or';
  return word === 'NOT' ? 'not' : 'word';
}

/**
 * Whether the unit ends a word. ASCII is decided by code, without the regex and alias lookups: compiling
 * 50,000 rules reads a few million characters, nearly all of them ASCII letters.
 */
function endsWord(source: string, i: number): boolean {
  const code = source.charCodeAt(i);
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0x28 || code === 0x29 || code === 0x2c || code === 0x22;
  const ch = source.charAt(i);
  const c = syntaxChar(ch);
  return WHITESPACE.test(ch) || c === '(' || c === ')' || c === ',' || c === '"';
}

function readQuoted(source: string, start: number): Token {
  let i = start + 1;
  while (i < source.length && syntaxChar(source.charAt(i)) !== '"') i++;
  if (i >= source.length) throw new ExpressionSyntaxError('unterminated quote', start);
  return { kind: 'quoted', start, end: i + 1, text: source.slice(start + 1, i), textStart: start + 1 };
}

function readWord(source: string, start: number): Token {
  let i = start;
  while (i < source.length && !endsWord(source, i)) i++;
  const text = source.slice(start, i);
  return { kind: operatorKind(text), start, end: i, text, textStart: start };
}

const PUNCTUATION: Readonly<Record<string, Token['kind']>> = { '(': 'lparen', ')': 'rparen', ',': 'comma' };

/**
 * Splits an expression into tokens. Operators are recognised only in upper case (`AND`, `OR`, `NOT`):
 * lower-case "and"/"or" stay words of a phrase, so "research and development" can be written bare.
 * A `-` opening a word excludes it; inside a word ("rare-earth") it is part of the word.
 */
export function tokeniseExpression(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source.charAt(i);
    const c = syntaxChar(ch);
    if (ch === ' ' || WHITESPACE.test(ch)) {
      i++;
    } else if (PUNCTUATION[c]) {
      tokens.push({ kind: PUNCTUATION[c], start: i, end: i + 1, text: c, textStart: i });
      i++;
    } else if (c === '"') {
      const token = readQuoted(source, i);
      tokens.push(token);
      i = token.end;
    } else if (c === '-') {
      const after = source.charAt(i + 1);
      if (after === '' || WHITESPACE.test(after) || syntaxChar(after) === ')' || syntaxChar(after) === ',') {
        throw new ExpressionSyntaxError("expected a term right after '-' at column {column} (write -word)", i);
      }
      tokens.push({ kind: 'minus', start: i, end: i + 1, text: '-', textStart: i });
      i++;
    } else {
      const token = readWord(source, i);
      tokens.push(token);
      i = token.end;
    }
  }
  return tokens;
}
