import { cleanFeedText } from './clean-feed-text';
import { escapeFeedMarkdown } from './escape-feed-markdown';
import { toEmbedUrl } from './to-embed-url';

const UNTITLED = '(untitled)';

/**
 * A story's title as a masked link for a one-line listing: cleaned, cut to `maxChars`, escaped (including
 * `]`, which would close the link text), and linked only when the link is a safe http(s) URL. The URL is
 * wrapped in <…> so Discord shows no preview card for it.
 */
export function storyLink(title: string, link: string, maxChars: number): string {
  const clean = cleanFeedText(title).text;
  const cut = clean.length > maxChars ? `${clean.slice(0, maxChars - 1).trimEnd()}…` : clean;
  const text = escapeFeedMarkdown(cut === '' ? UNTITLED : cut).replace(/]/g, '\\]');
  const url = toEmbedUrl(link);
  return url ? `[${text}](<${url}>)` : text;
}

/** Text shown plainly next to a link (a source, a topic name): cleaned, cut, escaped. */
export function plainLabel(text: string, maxChars: number): string {
  return escapeFeedMarkdown(cleanFeedText(text).text.slice(0, maxChars));
}
