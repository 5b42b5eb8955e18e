import type { FeedProbe } from '../../feeds/probe-feed';
import { escapeFeedMarkdown } from '../format/escape-feed-markdown';
import { toEmbedUrl } from '../format/to-embed-url';
import { truncateText } from '../interactions/reply-payload';
import { discordTime } from './list-reply';

const TITLE_LENGTH = 200;

/** Feed text is the publisher's: cut and escaped so it cannot format, ping or overrun the reply. */
function shown(text: string): string {
  return escapeFeedMarkdown(truncateText(text.replace(/\s+/g, ' ').trim(), TITLE_LENGTH));
}

/** What `/feed add` found when it fetched the feed: its title and its newest item, so the admin sees it is the right one. */
export function describeProbe(probe: Extract<FeedProbe, { ok: true }>): string {
  const title = probe.title ? `**${shown(probe.title)}**` : 'a feed without a title';
  const count = probe.itemCount === 1 ? '1 item' : `${probe.itemCount} items`;
  const lines = [`Fetched it just now: ${title}, ${count}.`];
  const newest = probe.newest;
  if (newest) {
    const link = toEmbedUrl(newest.link);
    const when = newest.published ? ` (${discordTime(newest.published)})` : '';
    lines.push(`Newest: ${newest.title ? shown(newest.title) : '(untitled)'}${when}${link ? ` <${link}>` : ''}`);
  }
  return lines.join('\n');
}
