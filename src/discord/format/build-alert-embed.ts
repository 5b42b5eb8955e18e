import { time, TimestampStyles, type APIEmbed, type APIEmbedField } from 'discord.js';
import type { Alert } from '../../delivery/alert';
import { cleanLink } from '../../feeds/clean-link';
import type { NewsItem } from '../../feeds/news-item';
import { tagsField, topicsField } from './alert-fields';
import { cleanFeedText } from './clean-feed-text';
import { DiscordLimit } from './discord-limits';
import { fitMarkedText } from './fit-marked-text';
import { summarySnippet } from './summary-snippet';
import { toEmbedUrl } from './to-embed-url';

const UNTITLED = '(untitled)';
const MAX_COLOUR = 0xffffff;

/**
 * One alert as one embed: the story's title (linked when the link is a safe http(s) URL), its source
 * as author, a summary snippet with the matched terms in bold, when it was published, and the topics
 * that fired. Every piece is sized so the embed stays far inside Discord's limits (< 2,500 chars).
 */
export function buildAlertEmbed(alert: Alert): APIEmbed {
  const { item } = alert;
  const embed: APIEmbed = { title: formatTitle(item.title) };
  // Items are cleaned when read; cleaning again (idempotent) covers alerts queued before that.
  const url = toEmbedUrl(cleanLink(item.link));
  if (url) embed.url = url;
  const description = formatDescription(alert);
  if (description !== '') embed.description = description;
  Object.assign(embed, sourceParts(item));
  const fields = [topicsField(alert.topics), tagsField(item.categories, alert.hits)].filter((field): field is APIEmbedField => field !== undefined);
  if (fields.length > 0) embed.fields = fields;
  const colour = alert.topics[0]?.colour;
  if (colour !== undefined && Number.isInteger(colour) && colour >= 0 && colour <= MAX_COLOUR) embed.color = colour;
  const shown = shownTime(item);
  if (shown) embed.timestamp = shown.date.toISOString();
  return embed;
}

// Not emphasised: bold in a title adds noise to a line that is already bold. Escaped all the same,
// since Discord renders basic markdown in embed titles.
function formatTitle(title: string): string {
  const text = fitMarkedText(cleanFeedText(title), { maxChars: DiscordLimit.title, escape: true, emphasis: false });
  return text === '' ? UNTITLED : text;
}

function formatDescription(alert: Alert): string {
  const snippet = summarySnippet(alert.item.summary, alert.hits);
  const shown = shownTime(alert.item);
  const when = shown ? `${shown.label} ${time(shown.date, TimestampStyles.ShortDateTime)} (${time(shown.date, TimestampStyles.RelativeTime)})` : '';
  return [snippet, when].filter((part) => part !== '').join('\n\n');
}

/** Author and footer render no markdown, so their text is cleaned but not escaped. */
function sourceParts(item: NewsItem): Pick<APIEmbed, 'author' | 'footer'> {
  const source = plainText(item.source, DiscordLimit.authorName);
  const publisher = item.publisher === undefined ? '' : plainText(item.publisher, DiscordLimit.authorName);
  if (publisher !== '' && publisher !== source) {
    return source === '' ? { author: { name: publisher } } : { author: { name: publisher }, footer: { text: `via ${source}` } };
  }
  return source === '' ? {} : { author: { name: source } };
}

function plainText(text: string, maxChars: number): string {
  return fitMarkedText(cleanFeedText(text), { maxChars, escape: false, emphasis: false });
}

/** Years past 9999 serialise as "+010000-…", which Discord rejects as an embed timestamp. */
const LAST_ISO_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** The publication time when the feed gave a usable one, else when we first saw the item. */
function shownTime(item: NewsItem): { label: string; date: Date } | undefined {
  const published = toDate(item.published);
  if (published) return { label: 'Published', date: published };
  const firstSeen = toDate(item.firstSeen);
  return firstSeen ? { label: 'First seen', date: firstSeen } : undefined;
}

function toDate(iso: string | undefined): Date | undefined {
  const ms = iso === undefined ? NaN : Date.parse(iso);
  return Number.isNaN(ms) || ms < 0 || ms > LAST_ISO_MS ? undefined : new Date(ms);
}
