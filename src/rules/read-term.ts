import { hasCjk } from './char-class';
import { codesToString, createFoldedText, foldText } from './normalise-text';
import type { Term } from './parse-expression';
import { ExpressionSyntaxError } from './tokenise-expression';

/** Longer terms are almost certainly pasted text rather than keywords. */
export const MAX_TERM_LENGTH = 100;
/** Shorter prefixes (`dy*`) would match a large share of all words. */
export const MIN_PREFIX_LENGTH = 3;

const STAR = /[*\uff0a]/u;
const WHITESPACE = /\s/u;

/** Finds a valid trailing `*`; returns the text before it, or the whole text when there is none. */
function splitPrefix(raw: string, offset: number): { body: string; prefix: boolean } {
  if (!raw.includes('*') && !raw.includes('\uff0a')) return { body: raw, prefix: false }; // most terms
  for (let k = 0; k < raw.length; k++) {
    if (!STAR.test(raw.charAt(k))) continue;
    const before = raw.charAt(k - 1);
    const rest = raw.slice(k + 1);
    const endsWord = k > 0 && !WHITESPACE.test(before) && !STAR.test(before);
    if (endsWord && rest.trim() === '') return { body: raw.slice(0, k), prefix: true };
    const reason = endsWord && WHITESPACE.test(rest.charAt(0))
      ? "'*' must end the last word of a phrase (at column {column})"
      : "'*' must end a word (at column {column})";
    throw new ExpressionSyntaxError(reason, offset + k);
  }
  return { body: raw, prefix: false };
}

/**
 * Reused by every foldKey call: compiling 50,000 rules folds hundreds of thousands of terms, and three
 * fresh typed arrays for each cost more than the folding. Safe because foldKey is synchronous and copies
 * the result out before returning.
 */
const scratch = createFoldedText(64);

/** The folded text with the spaces that a leading or trailing hyphen or space left removed. */
function foldKey(body: string): string {
  const ascii = foldAsciiKey(body);
  if (ascii !== undefined) return ascii;
  const { codes, length } = foldText(body, scratch);
  let from = 0;
  let to = length;
  while (from < to && codes[from] === 0x20) from++;
  while (to > from && codes[to - 1] === 0x20) to--;
  return codesToString(codes.subarray(from, to), to - from);
}

/**
 * foldKey of the commonest terms without foldText: ASCII with at most single spaces between words, the
 * form nearly every rule writes. Folding such text only lower-cases it. undefined for anything else
 * (hyphens, tabs, runs or edges of spaces, any non-ASCII unit), which goes the general way.
 */
function foldAsciiKey(body: string): string | undefined {
  let upper = false;
  let previous = 0x20; // so a leading space is refused
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    if (code >= 0x80 || code === 0x2d || (code >= 0x09 && code <= 0x0d) || (code === 0x20 && previous === 0x20)) return undefined;
    if (code >= 0x41 && code <= 0x5a) upper = true;
    previous = code;
  }
  if (previous === 0x20) return undefined; // a trailing space, or an empty body
  return upper ? body.toLowerCase() : body;
}

/** Length in code points, as Array.from counts them (a lone surrogate is one), without making the array. */
function codePointLength(s: string): number {
  let length = s.length;
  for (let i = 0; i + 1 < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const low = s.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        length--;
        i++;
      }
    }
  }
  return length;
}

/**
 * Turns one phrase as written (bare words or the inside of quotes) into a term; `offset` is where
 * `raw` starts in the expression, for error columns.
 */
export function readTerm(raw: string, offset: number): Term {
  const { body, prefix } = splitPrefix(raw, offset);
  const text = raw.trim();
  const folded = foldKey(body);
  if (folded === '') throw new ExpressionSyntaxError('empty term', offset);
  // Code points, counted only when a limit could be at stake: code units are never fewer than code points.
  const length = prefix || folded.length > MAX_TERM_LENGTH ? codePointLength(folded) : folded.length;
  if (length > MAX_TERM_LENGTH) {
    throw new ExpressionSyntaxError(`term too long at column {column} (at most ${MAX_TERM_LENGTH} characters)`, offset);
  }
  const cjk = hasCjk(folded);
  // One Han or kana character says as much as a short word, so CJK prefixes have no minimum.
  if (prefix && !cjk && length < MIN_PREFIX_LENGTH) {
    throw new ExpressionSyntaxError(`prefix too short: '${text}'`, offset);
  }
  return { text, key: prefix ? `${folded}*` : folded, prefix, cjk };
}
