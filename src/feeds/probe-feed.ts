import { STATUS_CODES } from 'node:http';
import type { FeedSource } from './feed-source';
import { fetchFeed, type FetchOptions } from './fetch-feed';
import type { FetchFailure } from './fetch-outcome';
import type { NewsItem } from './news-item';
import { parseFeed } from './parse-feed';

/** What a feed looks like right now: enough to confirm to a person that the address is the feed they meant. */
export type FeedProbe =
  | { ok: true; url: string; title?: string; newest?: NewsItem; itemCount: number }
  | { ok: false; reason: string };

const NOT_A_FEED = 'it is not an RSS or Atom feed (the address answers with something else, such as a web page)';

/**
 * Fetches and parses a feed once, before a server adds it, so a web page, a 404 or a dead host is refused
 * at once rather than failing at every poll. Reasons are our own words: nothing of the response body, which
 * the feed's server controls, is ever echoed (the fetch layer's reasons may quote it).
 */
export async function probeFeed(url: string, options: FetchOptions, now: Date): Promise<FeedProbe> {
  const fetched = await fetchFeed({ url }, options);
  if (fetched.kind === 'not-modified') return { ok: false, reason: 'the server answered 304 Not Modified to a plain request' };
  if (fetched.kind === 'failed') return { ok: false, reason: describeFailure(fetched) };
  const source: FeedSource = { id: 'probe', name: new URL(fetched.finalUrl).hostname, url: fetched.finalUrl };
  const parsed = await parseFeed(fetched.text, source, now);
  if (parsed.kind === 'failed') return { ok: false, reason: NOT_A_FEED };
  const newest = newestItem(parsed.items);
  return {
    ok: true,
    url: fetched.finalUrl,
    itemCount: parsed.items.length,
    ...(parsed.feedTitle !== undefined ? { title: parsed.feedTitle } : {}),
    ...(newest !== undefined ? { newest } : {}),
  };
}

/** The most recently published item; items without a date count as older than dated ones, in document order. */
export function newestItem(items: readonly NewsItem[]): NewsItem | undefined {
  let best: NewsItem | undefined;
  for (const item of items) {
    if (best === undefined) best = item;
    else if (item.published !== undefined && (best.published === undefined || Date.parse(item.published) > Date.parse(best.published))) best = item;
  }
  return best;
}

function statusText(status: number | undefined): string {
  return status === undefined ? 'an error' : `${status} ${STATUS_CODES[status] ?? ''}`.trim();
}

function describeFailure(failure: FetchFailure): string {
  switch (failure.failure) {
    case 'not-a-feed':
      return NOT_A_FEED;
    case 'http':
      return `the server answered ${statusText(failure.status)}`;
    case 'blocked':
      // Without a status the refusal is ours: the URL was vetted already, so a redirect led to a forbidden address.
      return failure.status === undefined
        ? 'the address redirects to a private or local address, which feeds may not use'
        : `the server refused the request (${statusText(failure.status)})`;
    // The same words as an unreachable server: refused, reset and timed out must not tell open ports apart.
    case 'timeout':
    case 'too-large':
      return 'the feed is larger than this bot accepts';
    case 'redirects':
      return 'the address redirects too often or to an unusable location';
    case 'network':
      return 'the server could not be reached';
  }
}
