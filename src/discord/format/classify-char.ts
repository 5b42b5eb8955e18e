export type CharKind = 'keep' | 'pair' | 'space' | 'drop' | 'lone-surrogate';

/** How cleaning treats one UTF-16 unit, given the unit after it. */
export function classifyChar(code: number, next: number): CharKind {
  if (code > 0x20 && code < 0x7f) return 'keep';
  if (code >= 0xd800 && code <= 0xdbff) return next >= 0xdc00 && next <= 0xdfff ? 'pair' : 'lone-surrogate';
  if (code >= 0xdc00 && code <= 0xdfff) return 'lone-surrogate';
  if (isWhitespace(code)) return 'space';
  // Zero-width characters, bidi marks / embeddings / overrides / isolates, word joiners, the BOM
  // (they can hide text or make it read backwards: "Trojan Source") and the C0 / C1 controls.
  if (isInvisible(code) || code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return 'drop';
  return 'keep';
}

/** What JavaScript's \s matches, less U+FEFF (invisible, dropped instead). */
function isWhitespace(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x20 ||
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

function isInvisible(code: number): boolean {
  return (
    code === 0x061c ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2064) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff
  );
}
