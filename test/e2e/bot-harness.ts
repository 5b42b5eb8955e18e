import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App, AppTimings } from '../../src/app/app-options';
import { createTwinApp, LOOPBACK_LIMITS, MANUAL_SCHEDULE } from '../support/app-rig';
import { startDiscordTwin, type DiscordTwin, type TwinOptions } from '../support/discord-twin';
import { rss2, type Rss2Item } from '../support/feed-builders';
import { startFeedServer, type FeedServer } from '../support/feed-server';
import { eventually } from '../support/eventually';

export interface BotHarness {
  twin: DiscordTwin;
  feeds: FeedServer;
  app: App;
  storeUrl: string;
  /** Logs in, waits until the slash commands are registered, and lets start-up work finish. */
  start(): Promise<void>;
  /** Polls now and waits until the resulting alerts were sent (or given up for this round). */
  poll(): Promise<void>;
  /** Stops the bot and starts a new one on the same store and Discord, as a restart of the process does. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The whole bot as `start` runs it (config → store → poller → Discord), logged into the Discord twin,
 * polling a local feed server. Polls happen when the test says.
 */
export async function startBotHarness(options: { feedPaths: string[]; twin?: TwinOptions; limits?: Record<string, number>; timings?: AppTimings }): Promise<BotHarness> {
  const twin = await startDiscordTwin({ warnUnknownRoutes: true, ...options.twin });
  const feeds = await startFeedServer();
  const dir = mkdtempSync(join(tmpdir(), 'radar-e2e-'));
  const storeUrl = `sqlite://${join(dir, 'radar.sqlite')}`;
  const settings = {
    schedule: MANUAL_SCHEDULE,
    limits: { ...LOOPBACK_LIMITS, ...options.limits },
    feeds: options.feedPaths.map((path, i) => ({ id: `feed-${i + 1}`, name: `Wire ${i + 1}`, url: feeds.url(path) })),
  };
  const create = () => createTwinApp({ settings, twin, storeUrl, timings: options.timings });
  const app = await create();
  const harness: BotHarness = {
    twin,
    feeds,
    app,
    storeUrl,
    async start() {
      await harness.app.start();
      await eventually(() => expect(twin.commands.global.map((c) => (c as { name: string }).name)).toContain('subscribe'));
      await harness.app.settle();
    },
    async restart() {
      await harness.app.stop();
      harness.app = await create();
      await harness.app.start();
      await harness.app.settle();
    },
    async poll() {
      await harness.app.runCycle();
      await harness.app.settle();
    },
    async close() {
      await harness.app.stop();
      await twin.close();
      await feeds.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

/**
 * Serves `/wire.xml` with one older story now; the function returned adds one story per call, newest
 * first, and polls.
 */
export function createWirePublisher(h: BotHarness): (title: string, extra?: Partial<Rss2Item>) => Promise<void> {
  const published: Rss2Item[] = [{ title: 'Copper smelter restarts', link: 'https://wire.example/copper', guid: 'w-0', pubDate: new Date(Date.now() - 3_600_000).toUTCString() }];
  const serve = () => h.feeds.route('/wire.xml', { body: rss2({ title: 'Wire', items: published }) });
  serve();
  let n = 0;
  return async (title, extra = {}) => {
    n += 1;
    published.unshift({ title, link: `https://wire.example/story-${n}`, guid: `w-${n}`, pubDate: new Date().toUTCString(), ...extra });
    serve();
    await h.poll();
  };
}

