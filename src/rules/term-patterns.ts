import type { Term } from './parse-expression';

const LATIN_LETTER = /\p{Script=Latin}/u;
const CONSONANT_Y_END = /[^aeiou\s]y$/u;

/**
 * The strings a term matches in folded text: its key, plus simple English plurals of its last word
 * when that word ends in a Latin letter ("magnet" → "magnets", "box" → "boxes", "battery" →
 * "batteries"). `-es` follows any last word, not only s/x/z/ch/sh: English-language Chinese trade
 * press writes "rare earthes", and an `-es` form that is no English word matches nothing real.
 * Irregular plurals (-f → -ves, -is → -es) are not guessed: write both, or a prefix.
 * A prefix term needs no plurals, and plurals of other scripts are not attempted.
 */
export function termPatterns(term: Term): string[] {
  const base = term.prefix ? term.key.slice(0, -1) : term.key;
  if (term.prefix || !LATIN_LETTER.test(base.slice(-1))) return [base];
  const patterns = [base, `${base}s`, `${base}es`];
  if (CONSONANT_Y_END.test(base)) patterns.push(`${base.slice(0, -1)}ies`);
  return patterns;
}
