import { createClient } from '@keyv/redis';
import { createApp } from '../../src/app/create-app';
import type { CycleReport } from '../../src/poll/poll-cycle';
import { createSilentLogger } from '../../src/shared/logger';
import { benchConfig, createTempStore, seedSubscriptions, type TempStore } from '../support/bot-setup';
import { cpuMs } from '../matching/measure-throughput';
import type { FarmFeed } from './farm-plan';
import type { FeedFarm } from './start-feed-farm';

export interface CycleFigures {
  cycle: number;
  wallMs: number;
  cpuMs: number;
  /** What the farm changed before this cycle. */
  changedFeeds: number;
  publishedItems: number;
  /** The process's peak RSS so far, read right after this cycle. */
  peakRssMb: number;
  /** Its RSS right before this cycle: before the first, what loading the bot (or the typical bot) costs. */
  rssBeforeMb: number;
  /** The live heap after the cycle, when run with --expose-gc (NODE_OPTIONS=--expose-gc): what the bot keeps. */
  liveHeapMb?: number;
  report: Omit<CycleReport, 'failures'> & { failures: number };
}

/** Five servers, each with one channel subscribed to every topic: matched items become outbox writes. */
const GUILDS = Array.from({ length: 5 }, (_, i) => ({ guildId: `90000000000000000${i}`, subscriptions: [{ channelId: `91000000000000000${i}` }] }));

/** The heap still reachable after a full collection, when the process may force one. */
export function liveHeap(): { liveHeapMb?: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return {};
  gc();
  return { liveHeapMb: process.memoryUsage().heapUsed / 1e6 };
}

/**
 * The Redis logical database the benchmark owns (flushed before and after), apart from the tests' 3–10.
 * BENCH_REDIS_DB picks another, so that two trees can be measured side by side on one Redis.
 */
const BENCH_REDIS_DB = Number(process.env.BENCH_REDIS_DB ?? 14);

/** A store for the poll benchmark, with the servers' subscriptions in place: SQLite in a temp dir, or Redis. */
export async function createPollStore(backend: 'sqlite' | 'redis' = 'sqlite'): Promise<TempStore> {
  const store = backend === 'redis' ? await createRedisStore() : createTempStore('poll');
  await seedSubscriptions(store.storeUrl, GUILDS);
  return store;
}

async function createRedisStore(): Promise<TempStore> {
  const storeUrl = `${(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379').replace(/\/\d+$/, '')}/${BENCH_REDIS_DB}`;
  const flush = async () => {
    const client = createClient({ url: storeUrl });
    await client.connect();
    await client.flushDb();
    await client.quit();
  };
  await flush();
  return { storeUrl, remove: () => void flush() };
}

/**
 * Runs the real bot (createApp, Discord mode without logging in: matched items are routed and written
 * to the outbox) against the farm, one poll per cycle number, and times each poll's wall and CPU time.
 * The store carries feed states from one call to the next, so a later call starts with validators.
 */
export async function measureCycles(farm: FeedFarm, plan: readonly FarmFeed[], urlOf: (feed: FarmFeed) => string, cycles: readonly number[], storeUrl: string): Promise<CycleFigures[]> {
  const config = benchConfig({ feeds: plan.map((feed) => ({ id: `wire-${feed.index}`, name: `Wire ${feed.index}`, url: urlOf(feed) })) });
  const app = await createApp({ config, env: { logLevel: 'silent' }, storeUrl, logger: createSilentLogger() });
  const figures: CycleFigures[] = [];
  try {
    for (const cycle of cycles) {
      figures.push(await measureCycle(farm, cycle, async () => {
        const report = await app.runCycle();
        return { ...report, failures: report.failures.length };
      }));
    }
  } finally {
    await app.stop();
  }
  return figures;
}

/** Brings the farm to `cycle`, then times one poll by whichever bot (`poll`) and reads the process's memory. */
export async function measureCycle(farm: FeedFarm, cycle: number, poll: () => Promise<CycleFigures['report']>): Promise<CycleFigures> {
  const farmed = await farm.advance(cycle);
  const rssBeforeMb = process.memoryUsage.rss() / 1e6;
  const cpuBefore = cpuMs();
  const started = performance.now();
  const report = await poll();
  return {
    cycle,
    wallMs: performance.now() - started,
    cpuMs: cpuMs() - cpuBefore,
    changedFeeds: farmed.changedFeeds,
    publishedItems: farmed.newItems,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    rssBeforeMb,
    ...liveHeap(),
    report,
  };
}
