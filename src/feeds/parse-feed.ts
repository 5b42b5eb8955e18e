import Parser from 'rss-parser';
import { messageOf, oneLine } from './describe-fetch-error';
import type { FeedSource } from './feed-source';
import { textOf } from './item-text';
import type { NewsItem } from './news-item';
import { normaliseItem } from './normalise-item';
import { escapeStrayAmpersands, prepareFeedXml } from './prepare-feed-xml';

export type ParseOutcome = { kind: 'parsed'; items: NewsItem[]; feedTitle?: string } | { kind: 'failed'; reason: string };

/** Items beyond this are ignored: bounds the work and memory one huge feed can cause (feed-quirks §20). */
export const MAX_ITEMS_PER_FEED = 500;

type RawFeed = Parser.Output<Record<string, unknown>>;

const CUSTOM_ITEM_FIELDS = [
  // Dates rss-parser does not read, for pick-item-date: Dublin Core terms and Atom 0.3.
  'dcterms:issued', 'dcterms:date', 'dcterms:created', 'dcterms:modified', 'issued', 'created', 'modified',
  'source', // Google News publisher
  'News:Source', // Bing News publisher
  'a_id', // Mining Weekly's only stable id
  ['link', 'links', { keepArray: true }], // every Atom link, to choose per feed-quirks §8
  ['category', 'categoryElements', { keepArray: true }], // Atom categories too, which rss-parser skips
  ['dc:subject', 'subjects', { keepArray: true }],
  // Fallbacks for a missing <title>/<description> (media RSS, Dublin Core, podcasts), see fallbackText.
  'media:title',
  'media:description',
  'media:group',
  'dc:title',
  'dc:description',
  'itunes:summary',
  'content:encoded',
];

/**
 * Parses feed text (RSS 0.9x/1.0/2.0 or Atom) into normalised items. Never throws. An unescaped `&`
 * gets one retry with stray ampersands escaped; anything else unparseable is `failed` with a one-line
 * reason. Zero items is a success: "nothing new", not an error (feed-quirks §19).
 */
export async function parseFeed(text: string, feed: FeedSource, now: Date): Promise<ParseOutcome> {
  try {
    const parsed = await parseTolerantly(text);
    if ('reason' in parsed) return { kind: 'failed', reason: parsed.reason };
    const items = parsed.items.slice(0, MAX_ITEMS_PER_FEED).map((raw) => normaliseItem(raw, feed, now));
    const feedTitle = textOf(parsed.title);
    return feedTitle === '' ? { kind: 'parsed', items } : { kind: 'parsed', items, feedTitle };
  } catch (error: unknown) {
    return { kind: 'failed', reason: oneLine(`could not read the feed: ${messageOf(error)}`) };
  }
}

async function parseTolerantly(text: string): Promise<RawFeed | { reason: string }> {
  const prepared = prepareFeedXml(text);
  if (prepared === '') return { reason: 'empty document' };
  try {
    return await parseXml(prepared);
  } catch (error: unknown) {
    const repaired = escapeStrayAmpersands(prepared);
    if (repaired !== prepared) {
      try {
        return await parseXml(repaired);
      } catch {
        // Report the original error: it points at the real problem, not at our repair.
      }
    }
    return { reason: describeParseError(error) };
  }
}

/** A fresh parser per document: xml2js parsers keep state and must not be shared by concurrent parses. */
function parseXml(xml: string): Promise<RawFeed> {
  const parser = new Parser<Record<string, unknown>, Record<string, unknown>>({
    defaultRSS: 2,
    customFields: { item: CUSTOM_ITEM_FIELDS },
  });
  return parser.parseString(xml);
}

/** sax messages span lines ("Unclosed root tag\nLine: 9\nColumn: 0\nChar: "); keep one. */
function describeParseError(error: unknown): string {
  const message = messageOf(error);
  const [first = message] = message.split('\n');
  const line = /Line: (\d+)/.exec(message)?.[1];
  const column = /Column: (\d+)/.exec(message)?.[1];
  const where = line === undefined ? '' : ` (line ${Number(line) + 1}, column ${column ?? '?'})`;
  // rss-parser assumes elements exist (`channel[0]`); xml2js re-wraps what it throws as ERR_UNHANDLED_ERROR.
  const structural = /TypeError: (.*)$/.exec(first)?.[1] ?? (isTypeError(error) ? first : undefined);
  if (structural !== undefined) return oneLine(`unexpected feed structure: ${balanceParentheses(structural)}`);
  return oneLine(`invalid feed XML: ${first.trim()}${where}`);
}

/** Drops the wrapper's unmatched closing parenthesis from an extracted inner message. */
function balanceParentheses(text: string): string {
  const unmatched = (text.match(/\)/g) ?? []).length - (text.match(/\(/g) ?? []).length;
  return unmatched > 0 && text.endsWith(')') ? text.slice(0, -1) : text;
}

function isTypeError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'TypeError';
}
