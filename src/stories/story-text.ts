/**
 * Headline and summary text reduced to what outlets do not change when they rewrite a story: no wire
 * prefix ("UPDATE 2-", "EXCLUSIVE:"), no aggregator suffix (" - Perth Mining Chronicle"), one case,
 * American spelling, light stemming, numbers written as digits.
 */

const WIRE_PREFIX = /^\s*(?:(?:update|refile|corrected|rpt|brief|wrapup|breaking|exclusive|analysis|factbox|explainer|insight|column|opinion|watch|video|live)(?:\s*\d+)?\s*[-–—:]\s*)+/iu;
/** " - Publisher", " | Publisher": the last dash-separated part, when what is left is still a headline. */
const PUBLISHER_SUFFIX = /\s+[-–—|]\s+[^-–—|]{1,60}$/u;
/** Wire notes at the start of a summary ("Adds Lynas comment.", "Updates with share price."). */
const WIRE_NOTE = /^\s*(?:adds|updates|recasts|rewrites|refiles)\b[^.]{0,80}\.\s*/iu;

const NUMBER_WORDS: Readonly<Record<string, string>> = {
  one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10',
  eleven: '11', twelve: '12', twenty: '20', thirty: '30', fifty: '50', hundred: '100', decade: '10',
};

/** British → American, and a few synonyms outlets swap freely. */
const SPELLING: Readonly<Record<string, string>> = {
  tonne: 'ton', tonnes: 'ton', t: 'ton', tpa: 'ton', defence: 'defense', licence: 'license', licences: 'license',
  programme: 'program', centre: 'center', aluminium: 'aluminum', sulphate: 'sulfate', favour: 'favor',
  labour: 'labor', mln: 'million', bln: 'billion', bn: 'billion', m: 'million', pct: 'percent', per: 'per',
  cent: 'cent', inks: 'sign', ink: 'sign', inked: 'sign', mines: 'mine', mining: 'mine',
};

export function cleanTitle(title: string): string {
  let text = title.normalize('NFKC').replace(WIRE_PREFIX, '');
  const withoutSuffix = text.replace(PUBLISHER_SUFFIX, '');
  // Only a suffix when a headline remains ("Lynas - a new era" is not "Lynas" from "a new era").
  if (withoutSuffix.split(/\s+/u).length >= 3) text = withoutSuffix;
  return text.trim();
}

export function cleanSummary(summary: string): string {
  return summary.normalize('NFKC').replace(WIRE_NOTE, '').trim();
}

/** Lower-case word tokens, stemmed and respelled; numbers keep their digits ("1,500" → "1500", "134.7"). */
export function tokenize(text: string): string[] {
  const raw = text
    .toLowerCase()
    .replace(/[’‘`]/gu, "'")
    .replace(/'s\b/gu, '')
    .replace(/\bstart-ups?\b/gu, 'startup')
    .replace(/\bpre-feasibility\b/gu, 'prefeasibility')
    .replace(/\bfinal investment decision\b/gu, 'fid')
    .replace(/\bstep(?:s|ped|ping)? down\b/gu, 'resign')
    .replace(/\bu\.s\.(?=\W|$)/gu, 'us')
    .replace(/(\d),(?=\d{3}\b)/gu, '$1')
    .match(/\d+(?:\.\d+)?|[\p{L}]+/gu);
  return (raw ?? []).map(normalizeWord);
}

/** Stems outlets swap for one another in rewrites ("prolongs" for "extends", "probe" for "investigation"). */
const SYNONYMS: Readonly<Record<string, string>> = { prolong: 'extend', prob: 'investigation', investigat: 'investigation' };

/**
 * Normalised words seen so far: news repeats a small vocabulary, and stemming each occurrence again was a
 * tenth of a signature's cost. Emptied when full, so a long-running bot's memory stays bounded.
 */
const NORMALISED = new Map<string, string>();
const MAX_NORMALISED = 50_000;

export function normalizeWord(word: string): string {
  let normal = NORMALISED.get(word);
  if (normal === undefined) {
    if (NORMALISED.size >= MAX_NORMALISED) NORMALISED.clear();
    normal = normalizeWordOnce(word);
    NORMALISED.set(word, normal);
  }
  return normal;
}

function normalizeWordOnce(word: string): string {
  const first = word.charCodeAt(0);
  if (first >= 48 && first <= 57) return word; // a number
  const number = ownValue(NUMBER_WORDS, word);
  if (number !== undefined) return number;
  const stemmed = stem(ownValue(SPELLING, word) ?? word);
  return ownValue(SYNONYMS, stemmed) ?? stemmed;
}

/** The table's own entry: a plain object also answers "constructor" (a word of news) with a function. */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** A deliberately light stemmer: both sides of a comparison get the same treatment, so exactness is moot. */
function stem(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.includes('is')) w = w.replace(/is(e|ed|es|ing|ation|ations)$/u, 'iz$1');
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('es') && /(ch|sh|x|ss)es$/u.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/u.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 6) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 5) w = undouble(w.slice(0, -2));
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  return /([bdgmnprt])\1$/u.test(w) ? w.slice(0, -1) : w;
}
