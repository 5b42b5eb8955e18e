import { createApp } from '../../src/app/create-app';
import type { App } from '../../src/app/app-options';
import { createSilentLogger } from '../../src/shared/logger';
import { startDiscordTwin, type DiscordTwin } from '../../test/support/discord-twin';
import { benchConfig, createTempStore, seedSubscriptions } from './bot-setup';
import { startMiniFeedServer, type MiniFeedServer } from './mini-feed-server';

const CHANNELS_PER_GUILD = 25;

export interface BotHarness {
  twin: DiscordTwin;
  /** Channel ids, in the order of `topics` (each subscribed to every topic when there are none). */
  channelIds: string[];
  feeds: MiniFeedServer;
  feedPaths: string[];
  app: App;
  /** Alerts the twin holds in the subscribed channels: every embed of every message is one. */
  alertCount(): number;
  close(): Promise<void>;
}

/**
 * The whole bot as `start` runs it (createApp in Discord mode: login, outbox, delivery through discord.js
 * REST) against the Discord twin with Discord's default rate limits, polling a local feed server that
 * serves `feeds` (path → XML). Resolves after the first poll, which files their items silently.
 */
export interface BotHarnessOptions {
  /** Subscribed channels: each to every topic. */
  channels?: number;
  /** One channel per topic id, subscribed to that topic only (instead of `channels`). */
  topics?: string[];
  /** Feed path → the XML served at start. */
  feeds: Record<string, string>;
  /** Cron; default yearly, so the benchmark decides when polls happen. */
  schedule?: string;
}

export async function startBotHarness(options: BotHarnessOptions): Promise<BotHarness> {
  const feedPaths = Object.keys(options.feeds);
  const twin = await startDiscordTwin({ warnUnknownRoutes: true });
  const count = options.topics?.length ?? options.channels ?? 1;
  // A server may have at most 50 subscriptions (GUILD_LIMITS): more channels take more servers.
  const guilds = Array.from({ length: Math.ceil(count / CHANNELS_PER_GUILD) }, (_, g) => {
    const channels = Array.from({ length: Math.min(CHANNELS_PER_GUILD, count - g * CHANNELS_PER_GUILD) }, (_, i) => ({ name: `alerts-${i}` }));
    return twin.addGuild({ name: `Bench desk ${g}`, channels });
  });
  const channelIds = guilds.flatMap((guild) => guild.channels.map((c) => c.id));
  const seeded = guilds.map((guild) => ({
    guildId: guild.id,
    subscriptions: guild.channels.map(({ id }) => {
      const topicId = options.topics?.[channelIds.indexOf(id)];
      return topicId ? { channelId: id, topicId } : { channelId: id };
    }),
  }));
  const feeds = await startMiniFeedServer();
  for (const [path, xml] of Object.entries(options.feeds)) feeds.publish(path, xml);
  const store = createTempStore('discord');
  await seedSubscriptions(store.storeUrl, seeded);
  const config = benchConfig({ feeds: feedPaths.map((path, i) => ({ id: `feed-${i}`, name: `Feed ${i}`, url: feeds.url(path) })), schedule: options.schedule });
  const app = await createApp({
    config,
    env: { discordToken: twin.token, discordApiUrl: twin.apiUrl, logLevel: 'silent' },
    storeUrl: store.storeUrl,
    logger: createSilentLogger(),
  });
  await app.start();
  // The first tick runs as soon as the client is ready: wait for it, then for its (silent) outcome.
  await waitUntil(() => feedPaths.every((path) => feeds.requestTimes(path).length > 0), 30_000, 'the first poll');
  await app.settle();
  return {
    twin,
    channelIds,
    feeds,
    feedPaths,
    app,
    alertCount: () => channelIds.reduce((sum, id) => sum + twin.messages(id).reduce((n, m) => n + m.embeds.length, 0), 0),
    async close() {
      await app.stop();
      await twin.close();
      await feeds.close();
      store.remove();
    },
  };
}

/** Polls `check` every 20 ms; rejects after `timeoutMs`. */
export async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
