import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIEmbed } from 'discord.js';
import { eventually } from '../support/eventually';
import { startDiscordTwin, type DiscordTwin, type TwinGuild } from '../support/discord-twin';
import { rss2, type Rss2Item } from '../support/feed-builders';
import { startFeedServer, type FeedServer } from '../support/feed-server';
import { startCli, type RunningCli } from '../support/run-cli';
import { startHoldingProxy, type HoldingProxy } from './support/holding-proxy';
import { story } from './support/radar-rig';
import { ADMIN, writeConfigFile } from '../support/app-rig';


/**
 * The real `radar start` process, SIGKILLed in the middle of its work and started again on the same
 * SQLite store: no alert may be lost and none posted twice.
 */
describe('radar start killed with SIGKILL and restarted', () => {
  let twin: DiscordTwin;
  let proxy: HoldingProxy;
  let feeds: FeedServer;
  let dir: string;
  let guild: TwinGuild;
  let bot: RunningCli | undefined;
  let config: string;

  beforeEach(async () => {
    twin = await startDiscordTwin({ warnUnknownRoutes: false });
    proxy = await startHoldingProxy(twin.apiUrl);
    feeds = await startFeedServer();
    dir = mkdtempSync(join(tmpdir(), 'radar-kill-'));
    feeds.route('/wire.xml', { body: rss2({ title: 'Wire', items: [] }) });
    guild = twin.addGuild({ name: 'Desk', channels: [{ name: 'alerts' }], members: [{ userId: ADMIN, permissions: 'admin' }] });
    // Every second (node-cron's seconds field), so the bot polls by itself as in production.
    config = writeConfigFile(dir, { feeds: [{ id: 'wire', name: 'Wire', url: feeds.url('/wire.xml') }], schedule: '* * * * * *' });
  });
  afterEach(async () => {
    await bot?.stop('SIGKILL');
    await proxy.close();
    await twin.close();
    await feeds.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const launch = async () => {
    const sessions = twin.gatewaySessions().filter((s) => s.identified).length;
    bot = startCli(['start', '--config', config], { DISCORD_TOKEN: twin.token, DISCORD_API_URL: proxy.apiUrl });
    await eventually(() => expect(twin.gatewaySessions().filter((s) => s.identified).length).toBeGreaterThan(sessions), 15_000);
  };
  const kill = async () => {
    expect(await bot?.stop('SIGKILL')).toBeNull();
    bot = undefined;
  };
  const publish = (items: Rss2Item[]) => feeds.route('/wire.xml', { body: rss2({ title: 'Wire', items }) });
  // A packed message (a long queue) carries several alerts: every embed is one alert.
  const titles = () => twin.messages(guild.channelId('alerts')).flatMap((m) => (m.embeds as APIEmbed[]).map((e) => e.title));
  const subscribe = async () => {
    const reply = await twin.invokeCommand({ guildId: guild.id, channelId: guild.channelId('alerts'), userId: ADMIN, name: 'subscribe', options: { channel: guild.channelId('alerts') } });
    expect(reply.final.content).toContain('Subscribed');
  };
  const stories = [story(1, 'Dysprosium exports resume at the border', 30), story(2, 'Terbium oxide edges higher in Baotou', 20), story(3, 'JOGMEC backs a new separation plant', 10)];

  it('mid-send: Discord took the post but the answer never came; the restart posts the rest and nothing twice', async () => {
    await launch();
    await subscribe();
    proxy.holdMessagePosts(true);
    publish(stories);
    // The first alert is in the twin, its answer held; the other two wait behind it in the outbox.
    await eventually(() => expect([titles().length, proxy.held()]).toEqual([1, 1]), 15_000);
    await kill();
    proxy.holdMessagePosts(false);

    await launch();
    await eventually(() => expect(titles()).toHaveLength(3), 15_000);
    expect(titles()).toEqual(stories.map((s) => s.title));
    // The resent first alert carried the same nonce, so the twin answered with the message it already had.
    const posts = twin.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${guild.channelId('alerts')}/messages`);
    expect(posts.length).toBe(4);
    expect(await bot?.stop('SIGTERM')).toBe(0);
    bot = undefined;
  });

  it('mid-poll: killed while the feed answers slowly; the restart polls again and posts each story once', async () => {
    await launch();
    await subscribe();
    const body = rss2({ title: 'Wire', items: stories });
    // Held until the server closes: the kill lands while the answer is still owed, however busy the machine.
    feeds.route('/wire.xml', { body, held: new Promise(() => undefined) });
    const asked = feeds.requests('/wire.xml').length;
    await eventually(() => expect(feeds.requests('/wire.xml').length).toBeGreaterThan(asked), 10_000);
    await kill();
    expect(titles()).toEqual([]);

    feeds.route('/wire.xml', { body });
    await launch();
    await eventually(() => expect(titles()).toHaveLength(3), 15_000);
    // Another poll of the same feed: still three.
    const polls = feeds.requests('/wire.xml').length;
    await eventually(() => expect(feeds.requests('/wire.xml').length).toBeGreaterThan(polls), 10_000);
    expect(titles()).toEqual(stories.map((s) => s.title));
  });

  it('killed again and again at arbitrary moments, still posts every story exactly once', async () => {
    await launch();
    await subscribe();
    const all = [...stories, story(4, 'Sojitz and Lynas extend their Japan supply pact', 5)];
    for (const [round, pauseMs] of [200, 900].entries()) {
      publish(all.slice(0, 2 + round));
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      await kill();
      await launch();
    }
    publish(all);
    await eventually(() => expect(titles()).toHaveLength(4), 20_000);
    const polls = feeds.requests('/wire.xml').length;
    await eventually(() => expect(feeds.requests('/wire.xml').length).toBeGreaterThan(polls), 10_000);
    expect(titles()).toEqual(all.map((s) => s.title));
  });
});
