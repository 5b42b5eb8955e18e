import type { APIEmbed } from 'discord.js';
import type { App, AppTimings } from '../../src/app/app-options';
import { eventually } from '../support/eventually';
import { ADMIN, createTwinApp, LOOPBACK_LIMITS } from '../support/app-rig';
import { startDiscordTwin, type DiscordTwin, type TwinGuild } from '../support/discord-twin';
import { rss2, type Rss2Item } from '../support/feed-builders';
import { startFeedServer, type FeedServer } from '../support/feed-server';
import { createRecordingLogger, type LogEntry } from '../support/recording-logger';
import { freshRedisUrl } from '../support/stores';

/** Short leases and claims so takeovers play out in seconds. */
export const FLEET_TIMINGS: AppTimings = { deliveryCheckMs: 100, channelClaimMs: 2_000, pollLeaseMs: 2_000, sendRetry: { baseMs: 50, maxMs: 200 } };

export interface Fleet {
  twin: DiscordTwin;
  feeds: FeedServer;
  guild: TwinGuild;
  apps: App[];
  /** Every instance's log lines, in order, each with its `instance` index. */
  log: LogEntry[];
  /** Indexes of the instances that polled a tick, in order. */
  pollers(): number[];
  /** The ticks some instance polled, in order (a tick twice would be a double poll). */
  polledTicks(): string[];
  publish(items: Rss2Item[]): void;
  titles(): string[];
  close(): Promise<void>;
}

/**
 * `size` instances of the whole bot (createApp, as `start` runs it) sharing one Redis database and one
 * Discord twin, polling one local feed every second.
 */
export async function startFleet(size: number, redisDb: number): Promise<Fleet> {
  const twin = await startDiscordTwin({ warnUnknownRoutes: false });
  const feeds = await startFeedServer();
  feeds.route('/wire.xml', { body: rss2({ title: 'Wire', items: [] }) });
  const guild = twin.addGuild({ name: 'Desk', channels: [{ name: 'alerts' }], members: [{ userId: ADMIN, permissions: 'admin' }] });
  const storeUrl = await freshRedisUrl(redisDb);
  const settings = { schedule: '* * * * * *', limits: LOOPBACK_LIMITS, feeds: [{ id: 'wire', name: 'Wire', url: feeds.url('/wire.xml') }] };
  const log: LogEntry[] = [];
  const apps = await Promise.all(
    Array.from({ length: size }, (_, instance) => createTwinApp({ settings, twin, storeUrl, logger: createRecordingLogger(log, { instance }), timings: FLEET_TIMINGS })),
  );
  await Promise.all(apps.map((app) => app.start()));
  await eventually(() => expect(twin.commands.global.length).toBeGreaterThan(0));
  const polling = () => log.filter((e) => e.message === 'polling this tick for the fleet');
  const pollers = () => polling().map((e) => e.fields.instance as number);
  return {
    twin,
    feeds,
    guild,
    apps,
    log,
    pollers,
    polledTicks: () => polling().map((e) => String(e.fields.tick)),
    publish: (items) => feeds.route('/wire.xml', { body: rss2({ title: 'Wire', items }) }),
    // A packed message (a long queue) carries several alerts: every embed is one alert.
    titles: () => twin.messages(guild.channelId('alerts')).flatMap((m) => (m.embeds as APIEmbed[]).map((e) => e.title ?? '')),
    async close() {
      await Promise.all(apps.map((app) => app.stop()));
      await twin.close();
      await feeds.close();
    },
  };
}

/** Stories matching the heavy rare earths topic, published now. */
export function stories(from: number, count: number): Rss2Item[] {
  return Array.from({ length: count }, (_, i) => ({
    title: `Dysprosium story ${from + i}`,
    link: `https://wire.example/story-${from + i}`,
    guid: `story-${from + i}`,
    pubDate: new Date(Date.now() - i * 1000).toUTCString(),
    description: 'Heavy rare earth supply news.',
  }));
}
