import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIEmbed } from 'discord.js';
import { guardShutdown } from '../../src/cli/shutdown-signal';
import { eventually } from '../support/eventually';
import { startDiscordTwin } from '../support/discord-twin';
import { rss2 } from '../support/feed-builders';
import { startFeedServer } from '../support/feed-server';
import { startCli } from '../support/run-cli';
import { startHoldingProxy } from './support/holding-proxy';
import { story } from './support/radar-rig';
import { ADMIN, writeConfigFile } from '../support/app-rig';


describe('radar start on SIGTERM', () => {
  it('exits 0 with a poll and a send in flight, hands the send back, and the next start posts everything once', async () => {
    const twin = await startDiscordTwin({ warnUnknownRoutes: false });
    const proxy = await startHoldingProxy(twin.apiUrl);
    const feeds = await startFeedServer();
    const dir = mkdtempSync(join(tmpdir(), 'radar-shutdown-'));
    const guild = twin.addGuild({ name: 'Desk', channels: [{ name: 'alerts' }], members: [{ userId: ADMIN, permissions: 'admin' }] });
    const channelId = guild.channelId('alerts');
    feeds.route('/wire.xml', { body: rss2({ title: 'Wire', items: [] }) });
    feeds.route('/slow.xml', { body: rss2({ title: 'Slow', items: [] }) });
    const config = writeConfigFile(dir, { feeds: [{ id: 'wire', name: 'Wire', url: feeds.url('/wire.xml') }, { id: 'slow', name: 'Slow', url: feeds.url('/slow.xml') }], schedule: '* * * * * *' });
    const env = { DISCORD_TOKEN: twin.token, DISCORD_API_URL: proxy.apiUrl, LOG_LEVEL: 'info' };
    const titles = () => twin.messages(channelId).map((m) => (m.embeds[0] as APIEmbed).title);
    try {
      let bot = startCli(['start', '--config', config], env);
      await eventually(() => expect(twin.gatewaySessions().some((s) => s.identified)).toBe(true), 15_000);
      const reply = await twin.invokeCommand({ guildId: guild.id, channelId, userId: ADMIN, name: 'subscribe', options: { channel: channelId } });
      expect(reply.final.content).toContain('Subscribed');

      proxy.holdMessagePosts(true);
      const stories = [story(1, 'Dysprosium exports resume at the border', 20), story(2, 'Terbium oxide edges higher in Baotou', 10)];
      feeds.route('/wire.xml', { body: rss2({ title: 'Wire', items: stories }) });
      await eventually(() => expect(proxy.held()).toBe(1), 15_000);
      // Now every poll waits on a feed that takes longer than the shutdown budget to answer.
      feeds.route('/slow.xml', { body: rss2({ title: 'Slow', items: [] }), delayMs: 20_000 });
      const slowAsked = feeds.requests('/slow.xml').length;
      await eventually(() => expect(feeds.requests('/slow.xml').length).toBeGreaterThan(slowAsked), 10_000);

      expect(await bot.stop('SIGTERM')).toBe(0);
      const log = bot.output().stderr;
      expect(log).toContain('handing them back to the outbox');
      expect(log).toContain('"msg":"stopped"');
      expect(log).not.toContain('exiting anyway');

      proxy.holdMessagePosts(false);
      feeds.route('/slow.xml', { body: rss2({ title: 'Slow', items: [] }) });
      bot = startCli(['start', '--config', config], env);
      await eventually(() => expect(titles()).toHaveLength(2), 15_000);
      expect(titles()).toEqual(stories.map((s) => s.title));
      expect(await bot.stop('SIGTERM')).toBe(0);
    } finally {
      await proxy.close();
      await twin.close();
      await feeds.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('guardShutdown', () => {
  it('exits with the given code once the time is up, saying why', async () => {
    const exits: number[] = [];
    const reasons: string[] = [];
    const guard = guardShutdown({ timeoutMs: 20, code: 0, onForcedExit: (why) => reasons.push(why), exit: (code) => void exits.push(code) });
    await new Promise((resolve) => setTimeout(resolve, 60));
    guard.release();
    expect([exits, reasons]).toEqual([[0], ['timeout']]);
  });

  it('exits at once on a second signal; once released, signals are left alone but the last-resort timer stays', async () => {
    const exits: string[] = [];
    const guard = guardShutdown({ timeoutMs: 10_000, code: 0, onForcedExit: (why) => exits.push(why), exit: () => {} });
    process.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual(['SIGINT']);
    guard.release();

    const released = guardShutdown({ timeoutMs: 30, code: 0, onForcedExit: (why) => exits.push(why), exit: () => {} });
    released.release();
    process.emit('SIGTERM', 'SIGTERM');
    expect(exits).toEqual(['SIGINT']);
    // Shutdown finished but something still holds the process open: the timer ends it anyway.
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(exits).toEqual(['SIGINT', 'timeout']);
  });
});
