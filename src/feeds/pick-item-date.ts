import { coerceText } from './item-text';
import { parseFeedDate } from './parse-feed-date';

/**
 * Where items keep their date, in order of preference: publication, then creation, then last change.
 * rss-parser gives `pubDate` (RSS pubDate; Atom published, else updated) and `date` (dc:date); the rest
 * arrive through parse-feed's custom fields: Dublin Core terms and Atom 0.3's issued/created/modified.
 */
const DATE_FIELDS = [
  'pubDate', 'date', 'dc:date', 'dcterms:issued', 'issued', 'dcterms:date', 'dcterms:created', 'created', 'dcterms:modified', 'modified',
] as const;

/**
 * A date this far ahead of the fetch is no clock skew but a wrong year or zone (a local time labelled
 * GMT, 2062 for 2026): counting it would keep the item above every other for as long as it stays ahead,
 * so it counts as unknown. One hour covers clocks and a cycle's own length (`now` is when it started).
 */
export const MAX_FUTURE_MS = 60 * 60 * 1000;

/** What an item says about its date: the first readable date, and the first date text at all (for ids). */
export interface ItemDate {
  /** ISO 8601, or undefined when no field holds a readable date that is not in the future. */
  published?: string;
  /** The first non-blank date text, readable or not ("" when there is none). */
  rawDate: string;
}

/**
 * The item's publication time: the first date field that reads as a real date no more than
 * MAX_FUTURE_MS after `now`. Unreadable, ambiguous or future dates are skipped, not guessed, so an
 * item without a trustworthy date falls back to its first-seen time.
 */
export function pickItemDate(item: Record<string, unknown>, now: Date): ItemDate {
  const texts = DATE_FIELDS.map((field) => coerceText(item[field]).trim()).filter((text) => text !== '');
  // rss-parser's isoDate is `new Date(pubDate)`, which reads CST as US Central and zone-less dates in the
  // host's zone; it is used only for items handed over with no date text of their own.
  const candidates = texts.length > 0 ? texts : [coerceText(item.isoDate).trim()];
  const latest = now.getTime() + MAX_FUTURE_MS;
  for (const text of candidates) {
    const date = parseFeedDate(text);
    if (date !== undefined && date.getTime() <= latest) return { published: date.toISOString(), rawDate: texts[0] ?? '' };
  }
  return { rawDate: texts[0] ?? '' };
}
