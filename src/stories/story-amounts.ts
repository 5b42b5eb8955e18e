/**
 * Amounts a story states: money (with its currency), percentages and masses, normalised so that
 * "A$200m", "A$200 million" and "A$200 mln" are one amount, as are "5,000 t" and "5,000 tonnes".
 * Different currencies are not converted: an amount in A$ neither confirms nor contradicts one in US$.
 */
export interface Amount {
  /** `money:AUD`, `money:$` (a bare dollar sign, whichever dollar), `percent`, `mass`. */
  kind: string;
  value: number;
}

const MULTIPLIERS: Readonly<Record<string, number>> = {
  k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, mln: 1e6, million: 1e6, b: 1e9, bn: 1e9, bln: 1e9, billion: 1e9, trillion: 1e12, crore: 1e7, lakh: 1e5,
};
const PREFIX_CURRENCIES: Readonly<Record<string, string>> = {
  'a$': 'AUD', 'au$': 'AUD', 'aud': 'AUD', 'us$': 'USD', 'usd': 'USD', 'c$': 'CAD', 'ca$': 'CAD', 'cad': 'CAD', 'nz$': 'NZD', $: '$', '€': 'EUR', '£': 'GBP', 'rs': 'INR', 'rs.': 'INR', '¥': 'CNY', 'rmb': 'CNY',
};
const SUFFIX_CURRENCIES: Readonly<Record<string, string>> = { yuan: 'CNY', rmb: 'CNY', rupee: 'INR', rupees: 'INR', euro: 'EUR', euros: 'EUR', dollar: '$', dollars: '$' };
const MASS_UNITS: Readonly<Record<string, number>> = { bt: 1e12, mt: 1e9, tonne: 1e3, tonnes: 1e3, ton: 1e3, tons: 1e3, t: 1e3, tpa: 1e3, kg: 1, kilogram: 1, kilograms: 1 };

const NUMBER = String.raw`(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)`;
const MULTIPLIER = String.raw`(?:[\s-]?(k|thousand|mn|mln|million|bn|bln|billion|trillion|crore|lakh|m|b)\b)?`;
const PREFIXED = new RegExp(String.raw`(?<![\p{L}])(a\$|au\$|us\$|c\$|ca\$|nz\$|\$|€|£|¥|rs\.?|rmb|aud|usd|cad)\s?${NUMBER}${MULTIPLIER}`, 'giu');
const SUFFIXED = new RegExp(String.raw`${NUMBER}${MULTIPLIER}[\s-]?(yuan|rmb|rupees?|euros?|dollars?|percent|per cent|pct|%|tonnes?|tons?|tpa|bt|mt|t|kg|kilograms?)(?![\p{L}])`, 'giu');
/** How close two figures must be to be the same figure once rounded by different outlets. */
const ROUNDING = 0.02;

export function extractAmounts(text: string): Amount[] {
  const amounts: Amount[] = [];
  const lower = text.normalize('NFKC').toLowerCase();
  const spans: [number, number][] = [];
  for (const m of lower.matchAll(PREFIXED)) {
    const currency = PREFIX_CURRENCIES[m[1] ?? ''] ?? '$';
    amounts.push({ kind: `money:${currency}`, value: toNumber(m[2], m[3]) });
    spans.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  }
  for (const m of lower.matchAll(SUFFIXED)) {
    const start = m.index ?? 0;
    // "Rs 7,280 crore rupees": the prefix already counted it.
    if (spans.some(([from, to]) => start >= from && start < to)) continue;
    const unit = (m[3] ?? '').replace(/\s+/gu, ' ');
    const value = toNumber(m[1], m[2]);
    const currency = SUFFIX_CURRENCIES[unit];
    if (currency !== undefined) amounts.push({ kind: `money:${currency}`, value });
    else if (unit === '%' || unit === 'percent' || unit === 'per cent' || unit === 'pct') amounts.push({ kind: 'percent', value });
    else amounts.push({ kind: 'mass', value: value * (MASS_UNITS[unit] ?? 1) });
  }
  return amounts;
}

function toNumber(digits: string | undefined, multiplier: string | undefined): number {
  const base = Number((digits ?? '0').replace(/,/gu, ''));
  return base * (multiplier === undefined ? 1 : MULTIPLIERS[multiplier] ?? 1);
}

/** Whether two amounts could be the same figure: comparable kinds (a bare $ is any dollar) and equal after rounding. */
export function isComparable(a: Amount, b: Amount): boolean {
  if (a.kind === b.kind) return true;
  const dollar = (kind: string) => kind === 'money:$' || kind === 'money:AUD' || kind === 'money:USD' || kind === 'money:CAD' || kind === 'money:NZD';
  return (a.kind === 'money:$' && dollar(b.kind)) || (b.kind === 'money:$' && dollar(a.kind));
}

export function isSameFigure(a: Amount, b: Amount): boolean {
  return isComparable(a, b) && Math.abs(a.value - b.value) <= ROUNDING * Math.max(Math.abs(a.value), Math.abs(b.value));
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
