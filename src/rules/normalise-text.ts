import { CHAR_SPACE, CHAR_WORD, charClass, isContinuation } from './char-class';

/**
 * Text in the one canonical form that rule terms and item fields are both compared in, as UTF-16 code
 * units, with where each unit came from in the original string. Typed arrays with a `length`, since
 * this runs for every field of every item.
 */
export interface FoldedText {
  codes: Uint16Array;
  /** starts[i]: offset in the original string of the character that produced codes[i]. */
  starts: Int32Array;
  /** ends[i]: offset just past that original character (a ligature's pieces share one start and end). */
  ends: Int32Array;
  length: number;
  /**
   * matchStarts[0..startCount): the units where a term may start (see createTermScanner), ascending:
   * any unit that is not a space and not a word character right after another. Found while folding,
   * so scanning visits only these instead of classifying every unit again.
   */
  matchStarts: Int32Array;
  startCount: number;
}

/** The folded text as a string, with `map[i]` the original offset of `text[i]` and `ends[i]` its end. */
export interface NormalisedText {
  text: string;
  map: number[];
  ends: number[];
}

const SPACE = 0x20;
/** A base character and up to 30 marks (Unicode's stream-safe limit, UAX #15), in UTF-16 units. */
const MAX_SEGMENT_UNITS = 31;

/** Spaces and hyphens (including U+2011 non-breaking hyphen, dashes and minus) all fold to one space. */
function isSeparator(code: number): boolean {
  if (code === SPACE || code === 0x2d) return true;
  if (code < 0x80) return code >= 0x09 && code <= 0x0d;
  return (
    code === 0x85 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) ||
    (code >= 0x2010 && code <= 0x2015) || code === 0x2028 || code === 0x2029 || code === 0x202f ||
    code === 0x205f || code === 0x2212 || code === 0x3000 || code === 0xfe58 || code === 0xfe63 || code === 0xff0d
  );
}

/** Invisible characters that CMSs put inside words (soft hyphen, zero-width space/joiners, BOM) are dropped. */
function isIgnorable(code: number): boolean {
  return (
    code === 0xad || code === 0x180e || (code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff
  );
}

/**
 * Characters whose NFKC form is themselves and whose lower case is computed here, so the common cases
 * (Latin-1 letters, kana, Han, Hangul) skip the cost of `normalize()` per character.
 */
function foldStableChar(code: number): number {
  if (code >= 0xc0 && code <= 0xff) return code <= 0xde && code !== 0xd7 ? code + 32 : code;
  const stable =
    (code >= 0x3041 && code <= 0x3096) || (code >= 0x30a1 && code <= 0x30fa) || code === 0x30fc ||
    (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0x9fff) || (code >= 0xac00 && code <= 0xd7a3);
  return stable ? code : -1;
}

/** An empty buffer for foldText; reusing one across calls avoids allocating typed arrays per field. */
export function createFoldedText(capacity = 1024): FoldedText {
  return {
    codes: new Uint16Array(capacity), starts: new Int32Array(capacity), ends: new Int32Array(capacity), length: 0,
    matchStarts: new Int32Array(capacity), startCount: 0,
  };
}

function reserve(folded: FoldedText, needed: number): void {
  if (needed <= folded.codes.length) return;
  const larger = createFoldedText(Math.max(needed, folded.codes.length * 2));
  larger.codes.set(folded.codes.subarray(0, folded.length));
  larger.starts.set(folded.starts.subarray(0, folded.length));
  larger.ends.set(folded.ends.subarray(0, folded.length));
  larger.matchStarts.set(folded.matchStarts.subarray(0, folded.startCount));
  folded.codes = larger.codes;
  folded.starts = larger.starts;
  folded.ends = larger.ends;
  folded.matchStarts = larger.matchStarts;
}

/** Class of the last unit emitted (a space before the first), which decides whether the next one starts a match. */
function lastClass(folded: FoldedText): number {
  return folded.length > 0 ? charClass(folded.codes[folded.length - 1] ?? 0) : CHAR_SPACE;
}

/** A term may start at a unit that is not a space and does not continue a word. */
function startsMatch(current: number, previous: number): boolean {
  return current !== CHAR_SPACE && !(current === CHAR_WORD && previous === CHAR_WORD);
}

function emit(folded: FoldedText, code: number, start: number, end: number): void {
  if (isIgnorable(code)) return;
  const last = folded.length - 1;
  if (isSeparator(code)) {
    if (last >= 0 && folded.codes[last] === SPACE) {
      folded.ends[last] = end; // a run of separators is one space: "rare -  earth" = "rare earth"
      return;
    }
    code = SPACE;
  }
  reserve(folded, folded.length + 1);
  if (startsMatch(charClass(code), lastClass(folded))) folded.matchStarts[folded.startCount++] = folded.length;
  folded.codes[folded.length] = code;
  folded.starts[folded.length] = start;
  folded.ends[folded.length] = end;
  folded.length++;
}

/** End of the character starting at `i`: past a surrogate pair and any combining marks that follow. */
function segmentEnd(s: string, i: number): number {
  let next = i + 1;
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && next < s.length) {
    const low = s.charCodeAt(next);
    if (low >= 0xdc00 && low <= 0xdfff) next++;
  }
  while (next < s.length && isContinuation(s.charCodeAt(next))) next++;
  return next;
}

/**
 * Folds text for matching: NFKC (full-width letters, ligatures, composed accents), lower case, every
 * space or hyphen to one U+0020, zero-width characters removed. Accents stay significant ("Sérra" ≠
 * "Serra") but precomposed and combining forms are equal. Each character is normalised on its own
 * (with its combining marks, at most 30 of them) so every output unit maps back to an exact range of
 * the original.
 */
export function foldText(s: string, into: FoldedText = createFoldedText(s.length + 16)): FoldedText {
  into.length = 0;
  into.startCount = 0;
  const length = s.length;
  reserve(into, length + 16);
  // The fast path keeps the buffers and counts in locals; they are written back before the slow path
  // (which may grow the buffers) and read again after it.
  let { codes, starts, ends, matchStarts } = into;
  let n = 0;
  let startCount = 0;
  let previous = CHAR_SPACE;
  let code = length > 0 ? s.charCodeAt(0) : 0;
  let i = 0;
  while (i < length) {
    const following = i + 1 < length ? s.charCodeAt(i + 1) : 0;
    // Fast path, inline because it runs for nearly every character of English text: an ASCII
    // character not followed by a combining mark (all of which are >= U+0300).
    if (code < 0x80 && (following < 0x300 || !isContinuation(following))) {
      const separator = code === SPACE || code === 0x2d || (code >= 0x09 && code <= 0x0d);
      if (separator && n > 0 && codes[n - 1] === SPACE) ends[n - 1] = i + 1;
      else {
        if (n === codes.length) {
          into.length = n;
          into.startCount = startCount;
          reserve(into, n + 1);
          ({ codes, starts, ends, matchStarts } = into);
        }
        const folded = separator ? SPACE : code >= 0x41 && code <= 0x5a ? code + 32 : code;
        codes[n] = folded;
        starts[n] = i;
        ends[n] = i + 1;
        const current = charClass(folded);
        if (startsMatch(current, previous)) matchStarts[startCount++] = n;
        previous = current;
        n++;
      }
      i++;
      code = following;
      continue;
    }
    into.length = n;
    into.startCount = startCount;
    i = foldSegment(s, i, code, into);
    ({ codes, starts, ends, matchStarts } = into);
    n = into.length;
    startCount = into.startCount;
    previous = lastClass(into);
    code = i < length ? s.charCodeAt(i) : 0;
  }
  into.length = n;
  into.startCount = startCount;
  return into;
}

/** Folds the character starting at `i` (not plain ASCII, or followed by marks) into `into`; returns where the next one starts. */
function foldSegment(s: string, i: number, code: number, into: FoldedText): number {
  const next = segmentEnd(s, i);
  const stable = next === i + 1 ? foldStableChar(code) : -1;
  if (stable >= 0) emit(into, stable, i, next);
  else {
    // Marks past the first few are dropped, though the segment still spans them: NFKC reorders a
    // run of marks in quadratic time, and no script stacks more than a handful on one letter.
    const segment = s.slice(i, Math.min(next, i + MAX_SEGMENT_UNITS)).normalize('NFKC').toLowerCase();
    for (let k = 0; k < segment.length; k++) emit(into, segment.charCodeAt(k), i, next);
  }
  return next;
}

const CHUNK = 4096;

/** The first `length` folded code units as a string. */
export function codesToString(codes: Uint16Array, length: number): string {
  // A term's key (most calls) fits one call; apply skips the iterator that spreading a typed array runs.
  if (length <= CHUNK) return String.fromCharCode.apply(null, codes.subarray(0, length) as unknown as number[]);
  let text = '';
  for (let i = 0; i < length; i += CHUNK) text += String.fromCharCode(...codes.subarray(i, Math.min(i + CHUNK, length)));
  return text;
}

/**
 * Normalises text the way rules compare it (see `foldText`). `map[i]` is the offset in `s` of the
 * character that produced `text[i]`, `ends[i]` the offset just past it, so a match of `text[a..b)`
 * highlights `s.slice(map[a], ends[b - 1])`.
 */
export function normaliseText(s: string): NormalisedText {
  const folded = foldText(s);
  const { codes, starts, ends, length } = folded;
  return { text: codesToString(codes, length), map: Array.from(starts.subarray(0, length)), ends: Array.from(ends.subarray(0, length)) };
}
