import Parser from 'rss-parser';
import { parseFeed } from '../../src/feeds/parse-feed';
import { cpuMs } from '../matching/measure-throughput';

export interface ParseCost {
  feeds: number;
  items: number;
  /** rss-parser alone (XML → objects). */
  rssParserCpuMs: number;
  /** src/feeds/parse-feed.ts: preparation, rss-parser and normalisation into NewsItems. */
  parseFeedCpuMs: number;
}

/**
 * CPU time to parse the given feed bodies, sequentially: once with rss-parser alone and once with the
 * bot's parseFeed. Used on the bodies one cycle fetched, to state parsing's share of that cycle's CPU.
 */
export async function measureParseCost(bodies: readonly string[]): Promise<ParseCost> {
  const now = new Date();
  let items = 0;
  const parserStarted = cpuMs();
  for (const body of bodies) {
    try {
      items += (await new Parser().parseString(body)).items.length;
    } catch {
      // A truncated feed fails here as it does in the cycle; its cost still counts.
    }
  }
  const rssParserCpuMs = cpuMs() - parserStarted;
  const feedStarted = cpuMs();
  for (const [i, body] of bodies.entries()) await parseFeed(body, { id: `wire-${i}`, name: `Wire ${i}`, url: 'https://wire.example/feed.xml' }, now);
  return { feeds: bodies.length, items, rssParserCpuMs, parseFeedCpuMs: cpuMs() - feedStarted };
}
