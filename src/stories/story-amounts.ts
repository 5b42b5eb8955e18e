/**
 * Amounts a story states: money (with its currency), percentages and masses, normalised so that
 * "A$200m", "A$200 million" and "A$200 mln" are one amount, as are "5,000 t" and "5,000 tonnes".
 * Different currencies are not converted: an amount in A$ neither confirms nor contradicts one in US$.
 */
export interface Amount {
  /**
   * `money:AUD`, `money:$` (a bare dollar sign, whichever dollar), `money:¥` (yen or yuan), `percent`, `mass`;
   * a price per unit carries its unit (`money:$/t`): "$650 a tonne" is a price, never a sum of $650.
   */
  kind: string;
  value: number;
  /**
   * Half the value of the last digit written, when the figure has two or more significant digits ("$18m":
   * 0.5m; "18.4 million": 0.05m); 0 for "$200m" or "$1bn", whose rounding is unknown. Outlets round
   * ("$18m" for US$18.4 million), and a rounded figure agrees with any it could be rounded from.
   */
  rounding: number;
}

const MULTIPLIERS: Readonly<Record<string, number>> = {
  k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, mln: 1e6, million: 1e6, b: 1e9, bn: 1e9, bln: 1e9, billion: 1e9, trillion: 1e12, crore: 1e7, lakh: 1e5,
};
const PREFIX_CURRENCIES: Readonly<Record<string, string>> = {
  'a$': 'AUD', 'au$': 'AUD', 'aud': 'AUD', 'us$': 'USD', 'usd': 'USD', 'c$': 'CAD', 'ca$': 'CAD', 'cad': 'CAD', 'nz$': 'NZD', $: '$', '€': 'EUR', '£': 'GBP', 'rs': 'INR', 'rs.': 'INR', '¥': '¥', 'rmb': 'CNY', '₩': 'KRW',
};
const SUFFIX_CURRENCIES: Readonly<Record<string, string>> = { yen: 'JPY', won: 'KRW', yuan: 'CNY', rmb: 'CNY', rupee: 'INR', rupees: 'INR', euro: 'EUR', euros: 'EUR', dollar: '$', dollars: '$' };
const MASS_UNITS: Readonly<Record<string, number>> = { bt: 1e12, mt: 1e9, tonne: 1e3, tonnes: 1e3, ton: 1e3, tons: 1e3, t: 1e3, tpa: 1e3, kg: 1, kilogram: 1, kilograms: 1 };

const NUMBER = String.raw`(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)`;
const MULTIPLIER = String.raw`(?:[\s-]?(k|thousand|mn|mln|million|bn|bln|billion|trillion|crore|lakh|m|b)\b)?`;
const PREFIXED = new RegExp(String.raw`(?<![\p{L}])(a\$|au\$|us\$|c\$|ca\$|nz\$|\$|€|£|¥|₩|rs\.?|rmb|aud|usd|cad)\s?${NUMBER}${MULTIPLIER}`, 'giu');
const SUFFIXED = new RegExp(String.raw`${NUMBER}${MULTIPLIER}[\s-]?(yen|won|yuan|rmb|rupees?|euros?|dollars?|percent|per cent|pct|%|tonnes?|tons?|tpa|bt|mt|t|kg|kilograms?)(?![\p{L}])`, 'giu');
/** How close two figures must be to be the same figure once rounded by different outlets. */
const ROUNDING = 0.02;
/** What follows a price: "a tonne", "per metric ton", "/t", "per tonne unit", "a kg", "per pound". */
const PER_UNIT = /^\s*(?:a|an|per|\/)\s*(?:metric\s+)?(tonnes?|tons?|t|mtu|kg|kilograms?|lbs?|pounds?)(?![\p{L}])/u;
const UNIT_OF: Readonly<Record<string, string>> = { tonne: 't', tonnes: 't', ton: 't', tons: 't', t: 't', mtu: 'mtu', kg: 'kg', kilogram: 'kg', kilograms: 'kg', lb: 'lb', lbs: 'lb', pound: 'lb', pounds: 'lb' };

export function extractAmounts(text: string): Amount[] {
  const amounts: Amount[] = [];
  const lower = text.normalize('NFKC').toLowerCase();
  const spans: [number, number][] = [];
  for (const m of lower.matchAll(PREFIXED)) {
    const currency = PREFIX_CURRENCIES[m[1] ?? ''] ?? '$';
    const end = (m.index ?? 0) + m[0].length;
    const unit = PER_UNIT.exec(lower.slice(end, end + 24))?.[1];
    amounts.push({ kind: `money:${currency}${unit === undefined ? '' : `/${UNIT_OF[unit] ?? unit}`}`, ...figure(m[2], m[3]) });
    spans.push([m.index ?? 0, end]);
  }
  for (const m of lower.matchAll(SUFFIXED)) {
    const start = m.index ?? 0;
    // "Rs 7,280 crore rupees": the prefix already counted it.
    if (spans.some(([from, to]) => start >= from && start < to)) continue;
    const unit = (m[3] ?? '').replace(/\s+/gu, ' ');
    const { value, rounding } = figure(m[1], m[2]);
    const currency = SUFFIX_CURRENCIES[unit];
    if (currency !== undefined) amounts.push({ kind: `money:${currency}`, value, rounding });
    else if (unit === '%' || unit === 'percent' || unit === 'per cent' || unit === 'pct') amounts.push({ kind: 'percent', value, rounding });
    else amounts.push({ kind: 'mass', value: value * (MASS_UNITS[unit] ?? 1), rounding: rounding * (MASS_UNITS[unit] ?? 1) });
  }
  return amounts;
}

function figure(digits: string | undefined, multiplier: string | undefined): { value: number; rounding: number } {
  const written = (digits ?? '0').replace(/,/gu, '');
  const scale = multiplier === undefined ? 1 : MULTIPLIERS[multiplier] ?? 1;
  const decimals = written.split('.')[1]?.length ?? 0;
  const significant = written.replace('.', '').replace(/^0+/u, '').replace(/0+$/u, '').length;
  return { value: Number(written) * scale, rounding: significant >= 2 ? (0.5 * scale) / 10 ** decimals : 0 };
}

/** Whether two amounts could be the same figure: comparable kinds (a bare $ is any dollar) and equal after rounding. */
export function isComparable(a: Amount, b: Amount): boolean {
  if (a.kind === b.kind) return true;
  const [aCurrency, aUnit] = a.kind.split('/');
  const [bCurrency, bUnit] = b.kind.split('/');
  if (aUnit !== bUnit) return false;
  const dollar = (kind: string | undefined) => kind === 'money:$' || kind === 'money:AUD' || kind === 'money:USD' || kind === 'money:CAD' || kind === 'money:NZD';
  // "¥" is written for yen and for yuan alike.
  const yen = (kind: string | undefined) => kind === 'money:¥' || kind === 'money:JPY' || kind === 'money:CNY';
  const loose = (x: string | undefined, y: string | undefined) => (x === 'money:$' && dollar(y)) || (x === 'money:¥' && yen(y));
  return loose(aCurrency, bCurrency) || loose(bCurrency, aCurrency);
}

export function isSameFigure(a: Amount, b: Amount): boolean {
  const tolerance = Math.max(ROUNDING * Math.max(Math.abs(a.value), Math.abs(b.value)), a.rounding, b.rounding);
  // The figures first: comparing kinds splits strings, and most pairs of figures differ anyway.
  return Math.abs(a.value - b.value) <= tolerance * (1 + 1e-9) && isComparable(a, b);
}

/**
 * True when both items state amounts of one kind (money in one currency, percentages, masses) and not one
 * of them agrees: rewrites of one story repeat its figures (A$90m vs A$150m for the same stake are two deals).
 */
export function disagree(a: readonly Amount[], b: readonly Amount[]): boolean {
  return a.some((x) => {
    const comparable = b.filter((y) => isComparable(x, y));
    if (comparable.length === 0 || comparable.some((y) => isSameFigure(x, y))) return false;
    // Of this kind, no figure of one item is any of the other's.
    const mine = a.filter((z) => comparable.some((y) => isComparable(z, y)));
    return !mine.some((z) => comparable.some((y) => isSameFigure(z, y)));
  });
}

/**
 * True when a headline's amount is contradicted by the other story: it states amounts of the same kind,
 * and none of them is this one (A$200m vs A$120m; 40% vs 20%).
 */
export function contradicts(headline: readonly Amount[], other: readonly Amount[]): boolean {
  return headline.some((amount) => {
    const comparable = other.filter((o) => isComparable(amount, o));
    return comparable.length > 0 && !comparable.some((o) => isSameFigure(amount, o));
  });
}
