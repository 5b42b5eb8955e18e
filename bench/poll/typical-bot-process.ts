import { Client, GatewayIntentBits } from 'discord.js';
import Keyv from 'keyv';
import pLimit from 'p-limit';
import Parser from 'rss-parser';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load-config';
import { configRules } from '../../src/config/to-domain';
import { createNaiveMatcher } from '../matching/naive-matcher';
import { REPO_ROOT } from '../support/paths';
import { planFarm, type FarmFeed } from './farm-plan';
import { measureCycle, type CycleFigures } from './measure-cycles';
import { startFeedFarm } from './start-feed-farm';

/**
 * The baseline a reader would write in an afternoon, measured on the same farm as the bot: rss-parser's
 * `parseURL` for every feed on every poll (no conditional GET), `p-limit` for concurrency, one RegExp per
 * rule term, and keyv remembering guids (or links) for 30 days — in memory, its cheapest setting (on
 * SQLite its first poll of 500 feeds takes two minutes, one awaited write per item). Being a Discord bot
 * it holds a discord.js client, as ours does (neither logs in here). It matches and counts alerts; it
 * does not dedupe across feeds, limit first polls or keep an outbox, so it does less work than the bot,
 * which keeps everything in its real store.
 */
export interface TypicalRequest {
  cycles: number[];
  hosts: 'spread' | 'one-host';
}

const CONCURRENCY = 8;
const SEEN_TTL_MS = 30 * 86_400_000;

async function pollOnce(feeds: readonly string[], parser: Parser, seen: Keyv, matcher: ReturnType<typeof createNaiveMatcher>): Promise<CycleFigures['report']> {
  const started = new Date();
  const limit = pLimit(CONCURRENCY);
  let items = 0;
  let ok = 0;
  let failed = 0;
  let newItems = 0;
  let matched = 0;
  await Promise.all(
    feeds.map((url) =>
      limit(async () => {
        try {
          const feed = await parser.parseURL(url);
          ok++;
          items += feed.items.length;
          for (const item of feed.items) {
            const key = item.guid ?? item.link ?? item.title ?? '';
            if ((await seen.get(key)) !== undefined) continue;
            newItems++;
            const text = { title: item.title ?? '', summary: item.contentSnippet ?? item.content ?? '', categories: item.categories ?? [] };
            if (matcher.match(text).length > 0) matched++;
            await seen.set(key, 1, SEEN_TTL_MS);
          }
        } catch {
          failed++;
        }
      }),
    ),
  );
  return { startedAt: started.toISOString(), durationMs: Date.now() - started.getTime(), feeds: { due: feeds.length, ok, notModified: 0, failed }, failures: failed, items, newItems, matched };
}

async function run(request: TypicalRequest): Promise<{ cycles: CycleFigures[]; peakRssMb: number }> {
  const plan = planFarm();
  const farm = await startFeedFarm();
  const seen = new Keyv({ namespace: 'seen' });
  const discord = new Client({ intents: [GatewayIntentBits.Guilds] });
  const parser = new Parser({ timeout: 15_000 });
  const matcher = createNaiveMatcher(configRules(loadConfig(join(REPO_ROOT, 'config/default.yaml'))));
  const urlOf = (feed: FarmFeed) => `${farm.origins[request.hosts === 'spread' ? feed.host : 0]}${feed.path}`;
  const urls = plan.map(urlOf);
  const cycles: CycleFigures[] = [];
  try {
    for (const cycle of request.cycles) cycles.push(await measureCycle(farm, cycle, () => pollOnce(urls, parser, seen, matcher)));
  } finally {
    await seen.disconnect();
    await discord.destroy();
    await farm.stop();
  }
  return { cycles, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

process.once('message', (request: TypicalRequest) => {
  run(request).then(
    (result) => process.send?.({ ok: true, result }, () => process.exit(0)),
    (error: unknown) => process.send?.({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () => process.exit(1)),
  );
});
