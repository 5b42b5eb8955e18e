import Parser from 'rss-parser';
import { parseFeed } from '../../src/feeds/parse-feed';
import { cpuMs } from '../matching/measure-throughput';
import { row, type Row } from '../support/bench-result';
import { createRandom } from '../support/random';
import { rssDocument, type FeedEntry } from '../support/rss-document';
import { progress, runChild } from '../support/run-child';
import { median, roundTo } from '../support/stats';
import { writeNewsItem } from '../support/write-news-item';

const SUITE = 'parsing';
const ITEMS = 500;
const ROUNDS = 7;

/** One large feed: 500 items of ~1 KB (MAX_ITEMS_PER_FEED), as a busy aggregator serves. */
function largeFeed(): string {
  const random = createRandom(99);
  const now = Date.now();
  const entries: FeedEntry[] = Array.from({ length: ITEMS }, (_, k) => ({
    ...writeNewsItem(random, 0.03),
    guid: `large-${k}`,
    link: `https://large.example/news/${k}`,
    published: new Date(now - k * 60_000),
  }));
  return rssDocument('Large wire', 'https://large.example/', entries);
}

/** Items per CPU-second over `ROUNDS` parses after a warm-up: fastest round and median round. */
async function itemsPerSecond(parse: () => Promise<number>): Promise<{ best: number; median: number }> {
  await parse();
  const rates: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const started = cpuMs();
    const items = await parse();
    rates.push((items / (cpuMs() - started)) * 1000);
  }
  return { best: Math.max(...rates), median: median(rates) };
}

async function main(): Promise<{ rows: Row[]; details: Record<string, unknown> }> {
  const xml = largeFeed();
  const megabytes = Buffer.byteLength(xml) / 1e6;
  const rssParser = await itemsPerSecond(async () => (await new Parser().parseString(xml)).items.length);
  const feed = { id: 'large', name: 'Large wire', url: 'https://large.example/feed.xml' };
  const bot = await itemsPerSecond(async () => {
    const parsed = await parseFeed(xml, feed, new Date());
    return parsed.kind === 'parsed' ? parsed.items.length : 0;
  });
  progress(SUITE, `${ITEMS}-item feed (${megabytes.toFixed(2)} MB): rss-parser ${Math.round(rssParser.best)} items/s, parseFeed ${Math.round(bot.best)} items/s`);
  return {
    rows: [
      row(SUITE, `rss-parser on a ${ITEMS}-item feed (${megabytes.toFixed(1)} MB), reference`, roundTo(rssParser.best), 'items/s', undefined, `${((rssParser.best * megabytes) / ITEMS).toFixed(1)} MB/s`),
      row(SUITE, 'parseFeed (rss-parser + the bot\'s normalisation), same feed', roundTo(bot.best), 'items/s', undefined, `median ${Math.round(bot.median)}`),
    ],
    details: { items: ITEMS, megabytes: roundTo(megabytes), rssParser, parseFeed: bot },
  };
}

runChild(SUITE, main);
