import { createHash } from 'node:crypto';
import { boundItemText, boundText, ITEM_TEXT_LIMITS } from './bound-item-text';
import { canonicaliseLink } from './canonical-link';
import { cleanLink } from './clean-link';
import type { FeedSource } from './feed-source';
import { coerceText, textOf, truncateText } from './item-text';
import type { NewsItem } from './news-item';
import { pickItemDate } from './pick-item-date';
import { pickItemLink } from './pick-item-link';

export const MAX_SUMMARY_CHARS = 2000;
/** Elements read, in this order, when an item has no <title> or no description (issue 11 §6). */
const TITLE_FALLBACKS = ['media:title', 'dc:title'] as const;
const SUMMARY_FALLBACKS = ['media:description', 'dc:description', 'itunes:summary'] as const;

/**
 * Turns one rss-parser item (any field shape: strings, `{_, $}` objects, arrays, undefined) into a
 * NewsItem of plain strings. Never throws. The id is stable across fetches of an unchanged item, and
 * does not depend on the summary, so an edited excerpt is not a new item.
 */
export function normaliseItem(raw: unknown, feed: FeedSource, now: Date): NewsItem {
  const item = isRecord(raw) ? raw : {};
  // Bounded before anything uses it: the fallback id hashes an NFKC form of the title.
  const title = boundText(textOf(item.title) || fallbackText(item, TITLE_FALLBACKS), ITEM_TEXT_LIMITS.titleChars);
  const pickedLink = pickItemLink(item, feed.url);
  // The dedupe key comes from the link as the feed gave it, exactly as before links were cleaned.
  const canonicalLink = canonicaliseLink(pickedLink);
  const { published, rawDate } = pickItemDate(item, now);
  const normalised: NewsItem = {
    feedId: feed.id,
    source: feed.name,
    id: itemId(item, canonicalLink, title, published ?? rawDate),
    title,
    summary: summaryOf(item),
    categories: categoriesOf(item),
    link: cleanLink(pickedLink),
    canonicalLink,
    firstSeen: now.toISOString(),
  };
  if (published !== undefined) normalised.published = published;
  const publisher = textOf(item.source) || textOf(item['News:Source']);
  if (publisher !== '') normalised.publisher = publisher;
  return boundItemText(normalised);
}

/**
 * guid, else Atom id, else rdf:about, else canonical link, else Mining Weekly's `a_id`, else a hash of
 * title and date (feed-quirks §3). Blank values do not count: `<guid></guid>` is no guid.
 */
function itemId(item: Record<string, unknown>, canonicalLink: string, title: string, date: string): string {
  const about = item['rdf:about'] ?? (isRecord(item.$) ? item.$['rdf:about'] : undefined);
  const declared = firstText(item.guid, item.id, about);
  if (declared !== '') return declared;
  if (canonicalLink !== '') return canonicalLink;
  const aId = firstText(item.a_id);
  if (aId !== '') return `a_id:${aId}`;
  const fingerprint = `${title.normalize('NFKC').toLowerCase()}\n${date}`;
  return `hash:${createHash('sha1').update(fingerprint).digest('hex')}`;
}

/**
 * The longest plain text among description, content:encoded and Atom summary/content; else the first
 * of the elements feeds use instead of a description.
 */
function summaryOf(item: Record<string, unknown>): string {
  const candidates = [item.content, item['content:encoded'], item.summary].map(textOf);
  const longest = candidates.reduce((best, text) => (text.length > best.length ? text : best), '');
  return truncateText(longest || fallbackText(item, SUMMARY_FALLBACKS), MAX_SUMMARY_CHARS);
}

/** The first non-empty text among the item's elements named, looking inside `<media:group>` too. */
function fallbackText(item: Record<string, unknown>, names: readonly string[]): string {
  const group = isRecord(item['media:group']) ? item['media:group'] : {};
  for (const name of names) {
    const grouped = group[name];
    const text = textOf(item[name]) || textOf(Array.isArray(grouped) ? grouped[0] : grouped);
    if (text !== '') return text;
  }
  return '';
}

/** RSS `<category>` (maybe `{_, $: {domain}}`), Atom `<category term label>`, RDF `dc:subject`. */
function categoriesOf(item: Record<string, unknown>): string[] {
  const elements = [item.categoryElements ?? item.categories, item.subjects].flatMap((value) =>
    Array.isArray(value) ? (value as unknown[]) : value === undefined ? [] : [value],
  );
  const labels = elements.map((element) => {
    const attributes = isRecord(element) && isRecord(element.$) ? element.$ : {};
    return textOf(element) || textOf(attributes.label) || textOf(attributes.term);
  });
  return [...new Set(labels.filter((label) => label !== ''))];
}

function firstText(...values: unknown[]): string {
  for (const value of values) {
    const text = coerceText(value).trim();
    if (text !== '') return text;
  }
  return '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
