import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIEmbed } from 'discord.js';
import { startDiscordTwin, type DiscordTwin } from '../support/discord-twin';
import { eventually } from '../support/eventually';
import { rss2 } from '../support/feed-builders';
import { startFeedServer, type FeedServer } from '../support/feed-server';
import { runCli, startCli } from '../support/run-cli';
import { ADMIN, writeConfigFile } from '../support/app-rig';

describe('radar start', () => {
  let feeds: FeedServer;
  let dir: string;
  beforeEach(async () => {
    feeds = await startFeedServer();
    dir = mkdtempSync(join(tmpdir(), 'radar-start-'));
    feeds.route('/wire.xml', { body: rss2({ title: 'Wire', items: [] }) });
  });
  afterEach(async () => {
    await feeds.close();
    rmSync(dir, { recursive: true, force: true });
  });
  // Every 2 seconds: node-cron's optional seconds field keeps the test short.
  const config = () => writeConfigFile(dir, { feeds: [{ id: 'wire', name: 'Wire', url: feeds.url('/wire.xml') }], schedule: '*/2 * * * * *' });
  const publishDysprosium = () =>
    feeds.route('/wire.xml', {
      body: rss2({ title: 'Wire', items: [{ title: 'Dysprosium exports tighten again', link: 'https://wire.example/dy', guid: 'dy-1', pubDate: new Date().toUTCString() }] }),
    });

  it('without DISCORD_TOKEN, polls on schedule, prints alerts, and exits 0 on SIGTERM', async () => {
    const bot = startCli(['start', '--config', config()]);
    await eventually(() => expect(feeds.requests('/wire.xml').length).toBeGreaterThanOrEqual(1), 15_000);
    publishDysprosium();
    await eventually(() => expect(bot.output().stdout).toContain('Dysprosium exports tighten again'), 15_000);
    expect(bot.output().stderr).toContain('console mode');
    expect(await bot.stop()).toBe(0);
  });

  it('serves /healthz and /metrics on HTTP_PORT once it has polled', async () => {
    // Port 0: the system picks a free port and the bot logs where it listens. A port found free beforehand
    // could be taken by another test's process before the bot binds it (seen under load: exit 2, port in use).
    const bot = startCli(['start', '--config', config()], { HTTP_PORT: '0', LOG_FORMAT: 'json', LOG_LEVEL: 'info' });
    try {
      let base = '';
      await eventually(() => {
        const listening = bot.output().stderr.split('\n').find((line) => line.includes('health and metrics endpoints listening'));
        base = (JSON.parse(listening ?? '{}') as { url?: string }).url ?? '';
        expect(base).toMatch(/^http:\/\/.+:\d+/);
      }, 15_000);
      const url = (path: string) => new URL(path, base).href;
      // Healthy from the start (the first poll has a grace period), and still healthy once it polled.
      await eventually(async () => {
        const metrics = await (await fetch(url('/metrics'))).text();
        expect(metrics).toMatch(/^radar_polls_total [1-9]/m);
        expect(metrics).toMatch(/^radar_feed_fetches_total\{status="ok"\} [1-9]/m);
        // Process metrics are collected only when served, as here.
        expect(metrics).toMatch(/^nodejs_eventloop_lag_seconds /m);
      }, 15_000);
      const health = await fetch(url('/healthz'));
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      // Logs are JSON lines on stderr, with one summary line per poll.
      const cycleLine = bot.output().stderr.split('\n').find((line) => line.includes('poll cycle finished'));
      expect(JSON.parse(cycleLine ?? '{}')).toMatchObject({ msg: 'poll cycle finished', cycle: expect.objectContaining({ items: expect.any(Number) }) });
    } finally {
      expect(await bot.stop()).toBe(0);
    }
  });

  it('logs one readable line per poll in pretty mode, with the feeds it skipped', async () => {
    feeds.route('/down.xml', { status: 503, body: 'down' });
    const file = writeConfigFile(dir, { feeds: [
        { id: 'wire', name: 'Wire', url: feeds.url('/wire.xml') },
        { id: 'down', name: 'Down', url: feeds.url('/down.xml') },
      ], schedule: '*/2 * * * * *' });
    const bot = startCli(['start', '--config', file], { LOG_FORMAT: 'pretty', LOG_LEVEL: 'info' });
    try {
      // The first poll fails the second feed; the next ones leave it out while it backs off, and say so.
      await eventually(() => expect(bot.output().stderr).toMatch(/poll cycle finished: 1 feed: 1 ok; 0 new matching items \(skipped 1 backing off; /), 30_000);
      const cycleLines = bot.output().stderr.split('\n').filter((line) => line.includes('poll cycle finished'));
      expect(cycleLines[0]).toContain('poll cycle finished: 2 feeds: 1 ok, 1 failed; 0 new matching items');
      for (const line of cycleLines) expect(line).not.toContain('{');
    } finally {
      expect(await bot.stop()).toBe(0);
    }
  });

  describe('with DISCORD_TOKEN and DISCORD_API_URL pointing at the twin', () => {
    let twin: DiscordTwin;
    beforeEach(async () => {
      twin = await startDiscordTwin({ warnUnknownRoutes: true });
    });
    afterEach(() => twin.close());

    it('registers its commands, takes a subscription, posts the alert, and exits 0 on SIGTERM', async () => {
      const guild = twin.addGuild({ name: 'Desk', channels: [{ name: 'alerts' }], members: [{ userId: ADMIN, permissions: 'admin' }] });
      const bot = startCli(['start', '--config', config()], { DISCORD_TOKEN: twin.token, DISCORD_API_URL: twin.apiUrl });
      await eventually(() => expect(twin.commands.global.length).toBeGreaterThanOrEqual(8), 15_000);
      await eventually(() => expect(twin.gatewaySessions().some((s) => s.identified)).toBe(true), 15_000);
      const reply = await twin.invokeCommand({ guildId: guild.id, channelId: guild.channelId('alerts'), userId: ADMIN, name: 'subscribe' });
      expect(reply.final.content).toContain('Subscribed');
      publishDysprosium();
      const [message] = await twin.waitForMessages(guild.channelId('alerts'), 1, 15_000);
      expect((message?.embeds[0] as APIEmbed).title).toBe('Dysprosium exports tighten again');
      expect(await bot.stop()).toBe(0);
      expect(bot.output().stderr).not.toContain(twin.token);
    });
  });
});

describe('radar register-commands', () => {
  it('registers the slash commands in one server, or explains what is missing', async () => {
    const twin = await startDiscordTwin();
    try {
      const guild = twin.addGuild({ name: 'Desk' });
      const run = await runCli(['register-commands', '--guild', guild.id], { DISCORD_TOKEN: twin.token, DISCORD_API_URL: twin.apiUrl });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/Registered \d+ slash commands in server/);
      const names = (twin.commands.guild.get(guild.id) ?? []).map((c) => (c as { name: string }).name);
      expect(names).toEqual(expect.arrayContaining(['subscribe', 'unsubscribe', 'subscriptions', 'rules', 'mute', 'unmute', 'mutes', 'feeds', 'status']));
      expect(twin.commands.global).toEqual([]);
      const noToken = await runCli(['register-commands']);
      expect(noToken.code).toBe(2);
      expect(noToken.stderr).toContain('DISCORD_TOKEN is not set');
      const badGuild = await runCli(['register-commands', '--guild', 'abc'], { DISCORD_TOKEN: twin.token, DISCORD_API_URL: twin.apiUrl });
      expect(badGuild.code).toBe(2);
    } finally {
      await twin.close();
    }
  });
});
