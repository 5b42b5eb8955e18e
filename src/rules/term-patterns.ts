import type { Term } from './parse-expression';

const LATIN_LETTER = /\p{Script=Latin}/u;
const CONSONANT_Y_END = /[^aeiou\s]y$/u;

/** The strings a term matches, as its base and which plural endings follow it (see termPatterns). */
export interface TermPatternShape {
  base: string;
  /** `${base}s` and `${base}es` are patterns too. */
  plurals: boolean;
  /** `${base without its final y}ies` is a pattern too. */
  ies: boolean;
}

/**
 * The strings a term matches in folded text: its key, plus simple English plurals of its last word
 * when that word ends in a Latin letter ("magnet" → "magnets", "box" → "boxes", "battery" →
 * "batteries"). `-es` follows any last word, not only s/x/z/ch/sh: English-language Chinese trade
 * press writes "rare earthes", and an `-es` form that is no English word matches nothing real.
 * Irregular plurals (-f → -ves, -is → -es) are not guessed: write both, or a prefix.
 * A prefix term needs no plurals, and plurals of other scripts are not attempted.
 */
export function termPatternShape(term: Term): TermPatternShape {
  const base = term.prefix ? term.key.slice(0, -1) : term.key;
  if (term.prefix || !LATIN_LETTER.test(base.slice(-1))) return { base, plurals: false, ies: false };
  return { base, plurals: true, ies: CONSONANT_Y_END.test(base) };
}

/** The patterns of termPatternShape as strings, in the order the scanner inserts them. */
export function termPatterns(term: Term): string[] {
  const { base, plurals, ies } = termPatternShape(term);
  if (!plurals) return [base];
  const patterns = [base, `${base}s`, `${base}es`];
  if (ies) patterns.push(`${base.slice(0, -1)}ies`);
  return patterns;
}
