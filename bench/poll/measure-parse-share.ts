import Parser from 'rss-parser';
import { splitFeedItems } from '../../src/feeds/feed-item-spans';
import type { FeedSource } from '../../src/feeds/feed-source';
import { parseFeed } from '../../src/feeds/parse-feed';
import { parseNewItems, rawKeyOf } from '../../src/poll/parse-new-items';
import type { FeedMemory, RememberedItem } from '../../src/poll/recent-items';
import { storyOf } from '../../src/poll/distrust-duplicate-ids';
import { hash53 } from '../../src/shared/hash53';
import { cpuMs } from '../matching/measure-throughput';

export interface ParseCost {
  feeds: number;
  items: number;
  /** rss-parser alone (XML → objects), every item of every body. */
  rssParserCpuMs: number;
  /** src/feeds/parse-feed.ts on every item: preparation, rss-parser and normalisation into NewsItems. */
  parseFeedCpuMs: number;
  /** What the bot does in a warm process: parseNewItems, which parses only the items new since the last poll. */
  botParseCpuMs: number;
  botParsedItems: number;
}

/** A changed feed's body and how many items at its top are new since the bot's previous fetch. */
export interface ChangedBody {
  body: string;
  newItems: number;
}

/**
 * CPU time to parse the bodies one cycle fetched, sequentially: with rss-parser alone, with parseFeed on
 * the whole document, and as the bot does it in a long-running process (parseNewItems remembering the
 * feed's previous items, which are all but the newest `newItems`). Each figure is measured after the
 * cycle, so it can be stated as a share of the cycle's CPU.
 */
export async function measureParseCost(bodies: readonly ChangedBody[]): Promise<ParseCost> {
  const now = new Date();
  const feedOf = (i: number): FeedSource => ({ id: `wire-${i}`, name: `Wire ${i}`, url: 'https://wire.example/feed.xml' });
  let items = 0;
  const parserStarted = cpuMs();
  for (const { body } of bodies) {
    try {
      items += (await new Parser().parseString(body)).items.length;
    } catch {
      // A truncated feed fails here as it does in the cycle; its cost still counts.
    }
  }
  const rssParserCpuMs = cpuMs() - parserStarted;
  const feedStarted = cpuMs();
  for (const [i, { body }] of bodies.entries()) await parseFeed(body, feedOf(i), now);
  const parseFeedCpuMs = cpuMs() - feedStarted;

  const memories = await Promise.all(bodies.map(({ body, newItems }, i) => previousPoll(body, newItems, feedOf(i), now)));
  let botParsedItems = 0;
  const botStarted = cpuMs();
  for (const [i, { body }] of bodies.entries()) {
    const { outcome } = await parseNewItems(parseFeed, body, feedOf(i), now, memories[i]);
    if (outcome.kind === 'parsed') botParsedItems += outcome.items.length;
  }
  return { feeds: bodies.length, items, rssParserCpuMs, parseFeedCpuMs, botParseCpuMs: cpuMs() - botStarted, botParsedItems };
}

/** What the bot remembers of the feed's previous poll: every item of this body except the newest few. */
async function previousPoll(body: string, newItems: number, feed: FeedSource, now: Date): Promise<FeedMemory | undefined> {
  const spans = splitFeedItems(body);
  const parsed = await parseFeed(body, feed, now);
  if (!spans || parsed.kind !== 'parsed') return undefined;
  const known = new Map<number, RememberedItem>();
  spans.items.forEach((raw, i) => {
    const item = parsed.items[i];
    if (i >= newItems && item) known.set(rawKeyOf(raw), { identity: 0, id: hash53(item.id), story: hash53(storyOf(item)) });
  });
  return { hasIdentity: () => false, byRawKey: (key) => known.get(key) };
}
