/**
 * Character classes of UTF-16 code units, looked up in one table so that scanning an item never runs a
 * Unicode regex per character. Computed once when the module loads (a pure function of Unicode data,
 * never written afterwards).
 */

/** Not a letter, digit or mark: punctuation, symbols, surrogates, unassigned. A word boundary. */
export const CHAR_OTHER = 0;
/** A space after folding (`normaliseText` turns every space and hyphen into U+0020). */
export const CHAR_SPACE = 1;
/** A letter, digit or combining mark of a script that separates words with spaces. */
export const CHAR_WORD = 2;
/**
 * Han, Hiragana, Katakana or Hangul (script extensions, so ー and 々 count). These scripts do not put
 * spaces between words, so terms in them match as substrings and they never block a word boundary.
 */
export const CHAR_CJK = 3;

const CONTINUATION_FLAG = 4;
const CLASS_MASK = 3;

const WORD_RE = /[\p{L}\p{N}\p{M}]/u;
const MARK_RE = /\p{M}/u;
const CJK_RE = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]/u;

/** Large blocks known to be entirely CJK letters, filled without a regex test to keep module load quick. */
const CJK_BLOCKS: ReadonlyArray<readonly [number, number]> = [
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xac00, 0xd7a3],
];

function buildTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let c = 0x30; c <= 0x39; c++) table[c] = CHAR_WORD;
  for (let c = 0x41; c <= 0x5a; c++) table[c] = CHAR_WORD;
  for (let c = 0x61; c <= 0x7a; c++) table[c] = CHAR_WORD;
  table[0x20] = CHAR_SPACE;
  for (const [from, to] of CJK_BLOCKS) table.fill(CHAR_CJK, from, to + 1);
  for (let c = 0x80; c < 0x10000; c++) {
    if (table[c] !== 0 || (c >= 0xd800 && c <= 0xf8ff)) continue; // surrogates and private use stay OTHER
    const s = String.fromCharCode(c);
    if (CJK_RE.test(s)) table[c] = CHAR_CJK;
    else if (WORD_RE.test(s)) table[c] = CHAR_WORD;
    // Marks, Hangul medial/final jamo and half-width voicing marks compose with the character before them.
    const continues = MARK_RE.test(s) || (c >= 0x1160 && c <= 0x11ff) || c === 0xff9e || c === 0xff9f;
    if (continues) table[c] = (table[c] ?? 0) | CONTINUATION_FLAG;
  }
  return table;
}

const TABLE: Readonly<Uint8Array> = buildTable();

/** The class (CHAR_OTHER, CHAR_SPACE, CHAR_WORD, CHAR_CJK) of one UTF-16 code unit. */
export function charClass(code: number): number {
  return (TABLE[code] ?? 0) & CLASS_MASK;
}

/** True when the code unit composes with the one before it (a combining mark and the like). */
export function isContinuation(code: number): boolean {
  return ((TABLE[code] ?? 0) & CONTINUATION_FLAG) !== 0;
}

/** True when the string contains a Han, Hiragana, Katakana or Hangul character. */
export function hasCjk(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (charClass(s.charCodeAt(i)) === CHAR_CJK) return true;
  return false;
}
