import { createHash } from 'node:crypto';
import { ownCopy } from '../shared/own-copy';
import { truncateText } from './item-text';
import type { NewsItem } from './news-item';

/**
 * The most of each field an item keeps. A feed decides how long its fields are, and everything
 * downstream (NFKC normalisation, the rule scanner, dedupe keys, the outbox, log lines) costs in
 * proportion to them, so they are cut once, at normalisation, before anything else sees them. Real
 * headlines are under 300 characters and real guids and links under 500; Discord shows 256 of a title.
 */
export const ITEM_TEXT_LIMITS = {
  titleChars: 1_000,
  summaryChars: 10_000,
  categoryChars: 200,
  categories: 50,
  idChars: 2_048,
  /** Discord's own limit for an embed URL. */
  linkChars: 2_048,
} as const;

/**
 * Combining marks kept after one base character: Unicode's stream-safe limit (UAX #15), far above what
 * any script stacks. Unbounded runs make NFKC's canonical reordering quadratic (seconds per field).
 */
export const MAX_COMBINING_MARKS = 30;

const EXCESS_MARKS = new RegExp(`(\\p{M}{${MAX_COMBINING_MARKS}})\\p{M}+`, 'gu');
/**
 * Every combining mark is at U+0300 or above, so text without that many such characters in a row (most
 * English text) cannot hold an excess run: this plain class is far cheaper than the Unicode property scan.
 */
const MAYBE_EXCESS_MARKS = new RegExp(`[\\u0300-\\uffff]{${MAX_COMBINING_MARKS + 1}}`);

/** Text cut to `maxChars` (at a word when one is near, marked "…"), runs of combining marks thinned. */
export function boundText(text: string, maxChars: number): string {
  // Cut roughly first (with slack for the marks thinning removes), so the regex never sees a huge string.
  const rough = text.length > maxChars * 2 ? text.slice(0, maxChars * 2) : text;
  return truncateText(MAYBE_EXCESS_MARKS.test(rough) ? rough.replace(EXCESS_MARKS, '$1') : rough, maxChars);
}

/**
 * An id short enough to store, and still stable: an over-long id becomes its start plus a hash of the
 * whole, so the same long guid is recognised on every fetch, and two long guids that differ late differ.
 */
export function boundId(id: string): string {
  // A guid is the parser's text value, cut from the whole document: copied, or each item kept pins its feed.
  if (id.length <= ITEM_TEXT_LIMITS.idChars) return ownCopy(id);
  const head = id.slice(0, 200).replace(/[\uD800-\uDBFF]$/, ''); // never half a surrogate pair
  return `${head}…#sha256:${createHash('sha256').update(id).digest('hex')}`;
}

/**
 * Every text field of a normalised item within ITEM_TEXT_LIMITS. An over-long link is dropped rather
 * than cut, with its canonical form: a cut URL leads somewhere else.
 */
export function boundItemText(item: NewsItem): NewsItem {
  const linkTooLong = item.link.length > ITEM_TEXT_LIMITS.linkChars || item.canonicalLink.length > ITEM_TEXT_LIMITS.linkChars;
  const bounded: NewsItem = {
    ...item,
    id: boundId(item.id),
    title: boundText(item.title, ITEM_TEXT_LIMITS.titleChars),
    summary: boundText(item.summary, ITEM_TEXT_LIMITS.summaryChars),
    categories: [...new Set(item.categories.slice(0, ITEM_TEXT_LIMITS.categories).map((c) => boundText(c, ITEM_TEXT_LIMITS.categoryChars)))],
    link: linkTooLong ? '' : item.link,
    canonicalLink: linkTooLong ? '' : item.canonicalLink,
  };
  if (item.publisher !== undefined) bounded.publisher = boundText(item.publisher, ITEM_TEXT_LIMITS.titleChars);
  return bounded;
}
