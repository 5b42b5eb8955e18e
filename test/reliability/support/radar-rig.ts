import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIEmbed } from 'discord.js';
import type { App, AppOptions, AppTimings } from '../../../src/app/app-options';
import type { KeyValue } from '../../../src/store/key-value';
import { openStore } from '../../../src/store/open-store';
import { eventually } from '../../support/eventually';
import { ADMIN, createTwinApp, LOOPBACK_LIMITS, MANUAL_SCHEDULE } from '../../support/app-rig';
import { startDiscordTwin, type DiscordTwin, type InteractionResult, type TwinGuild, type TwinOptions } from '../../support/discord-twin';
import { rss2, type Rss2Item } from '../../support/feed-builders';
import { startFeedServer, type FeedServer } from '../../support/feed-server';
import { createRecordingLogger, type LogEntry } from '../../support/recording-logger';
import { startHoldingProxy, type HoldingProxy } from './holding-proxy';

/** Short waits so that outages and retries play out in milliseconds; tests override what they study. */
export const FAST_TIMINGS: AppTimings = { sendRetry: { baseMs: 40, maxMs: 200 }, deliveryCheckMs: 40, feedBackoff: { baseMs: 0, random: () => 0 } };

export interface RigOptions {
  /** Feed ids polled from `/<id>.xml` on the local feed server. */
  feeds?: string[];
  twin?: TwinOptions;
  limits?: Record<string, number>;
  config?: Record<string, unknown>;
  timings?: AppTimings;
  now?: () => Date;
  wrapStore?: AppOptions['wrapStore'];
  /** Channels of the one server; default `alerts` and `desk`. */
  channels?: string[];
  /** Discord channel types by channel name (default text, 0). */
  channelTypes?: Record<string, number>;
  /** The server's system channel, by name (default none). */
  systemChannel?: string;
  /** What the feeds already hold when the bot starts (its first poll); default nothing. */
  initialItems?: Record<string, Rss2Item[]>;
  /** Puts a holding proxy between the bot's REST client and the twin (the gateway stays direct). */
  viaProxy?: boolean;
  /** Writes to the store before the bot opens it: what an earlier run (or a bad edit) left there. */
  seed?: (kv: KeyValue, storePath: string) => Promise<void>;
}

/**
 * The whole bot in this process (config → SQLite store → poller → outbox → discord.js), logged into the
 * Discord twin and polling a local feed server, with one server whose admin can run slash commands.
 * Polls happen when the test says (`poll()`), unless the config sets a schedule.
 */
export interface Rig {
  twin: DiscordTwin;
  /** Set with `viaProxy`. */
  proxy?: HoldingProxy;
  feedServer: FeedServer;
  guild: TwinGuild;
  /** The running app; replaced by restart(). */
  readonly app: App;
  logs: LogEntry[];
  storeUrl: string;
  /** Serves these items on `/<feedId>.xml`. */
  serve(feedId: string, items: Rss2Item[]): void;
  command(name: string, options?: Record<string, string>, subcommand?: string): Promise<InteractionResult>;
  subscribe(channel: string, topic?: string): Promise<void>;
  /** Polls now and waits until the resulting alerts were sent (or given up for this round). */
  poll(): Promise<void>;
  /** Embed titles posted in a channel, in order. */
  titles(channel: string): string[];
  logged(message: string): LogEntry[];
  /**
   * Stops the app (as SIGTERM would) and starts a new one on the same store, config and Discord twin,
   * with these timings (default: the ones it had): the next process life.
   */
  restart(timings?: AppTimings): Promise<void>;
  close(): Promise<void>;
}

export async function startRig(options: RigOptions = {}): Promise<Rig> {
  const twin = await startDiscordTwin({ warnUnknownRoutes: false, ...options.twin });
  const proxy = options.viaProxy ? await startHoldingProxy(twin.apiUrl) : undefined;
  const feedServer = await startFeedServer();
  const dir = mkdtempSync(join(tmpdir(), 'radar-reliability-'));
  const storeUrl = `sqlite://${join(dir, 'radar.sqlite')}`;
  if (options.seed) {
    const kv = await openStore(storeUrl);
    await options.seed(kv, join(dir, 'radar.sqlite'));
    await kv.close();
  }
  const feedIds = options.feeds ?? ['wire'];
  for (const id of feedIds) feedServer.route(`/${id}.xml`, { body: rss2({ title: id, items: options.initialItems?.[id] ?? [] }) });
  const settings = {
    schedule: MANUAL_SCHEDULE,
    limits: { ...LOOPBACK_LIMITS, ...options.limits },
    feeds: feedIds.map((id) => ({ id, name: `Wire ${id}`, url: feedServer.url(`/${id}.xml`) })),
    ...options.config,
  };
  const logger = createRecordingLogger();
  const guild = twin.addGuild({
    name: 'Desk',
    channels: (options.channels ?? ['alerts', 'desk']).map((name) => ({ name, type: options.channelTypes?.[name] })),
    members: [{ userId: ADMIN, permissions: 'admin' }],
    systemChannel: options.systemChannel,
  });
  const launch = async (timings: AppTimings) => {
    const started = await createTwinApp({ settings, twin, env: { discordApiUrl: proxy?.apiUrl ?? twin.apiUrl }, storeUrl, logger, now: options.now, timings, wrapStore: options.wrapStore });
    const sessions = twin.gatewaySessions().filter((s) => s.identified).length;
    await started.start();
    await eventually(() => expect(twin.commands.global.map((c) => (c as { name: string }).name)).toContain('subscribe'), 10_000);
    await eventually(() => expect(twin.gatewaySessions().filter((s) => s.identified).length).toBeGreaterThan(sessions), 10_000);
    await started.settle();
    return started;
  };
  let timings = options.timings ?? FAST_TIMINGS;
  let app = await launch(timings);
  const command = (name: string, opts?: Record<string, string>, subcommand?: string) =>
    twin.invokeCommand({ guildId: guild.id, channelId: guild.channels[0]!.id, userId: ADMIN, name, subcommand, options: opts });
  return {
    twin,
    proxy,
    feedServer,
    guild,
    get app() {
      return app;
    },
    logs: logger.entries,
    storeUrl,
    serve: (feedId, items) => feedServer.route(`/${feedId}.xml`, { body: rss2({ title: feedId, items }) }),
    command,
    async subscribe(channel, topic) {
      const reply = await command('subscribe', { channel: guild.channelId(channel), ...(topic ? { topic } : {}) });
      expect(reply.final.content).toMatch(/Subscribed|already subscribed/);
    },
    async poll() {
      await app.runCycle();
      await app.settle();
    },
    // A packed message (a long queue) carries several alerts: every embed is one alert.
    titles: (channel) => twin.messages(guild.channelId(channel)).flatMap((m) => (m.embeds as APIEmbed[]).map((e) => e.title ?? '')),
    logged: (message) => logger.entries.filter((e) => e.message === message),
    async restart(next) {
      await app.stop();
      timings = next ?? timings;
      app = await launch(timings);
    },
    async close() {
      await app.stop();
      await proxy?.close();
      await twin.close();
      await feedServer.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A story in the feed, published `minutesAgo` before `from`. */
export function story(n: number, title: string, minutesAgo: number, from = Date.now()): Rss2Item & { title: string; link: string; guid: string; pubDate: string } {
  return { title, link: `https://wire.example/story-${n}`, guid: `s-${n}`, pubDate: new Date(from - minutesAgo * 60_000).toUTCString() };
}
