import { ADMIN, createConsoleApp } from '../support/app-rig';
import type { App } from '../../src/app/app-options';
import { rss2 } from '../support/feed-builders';
import { tempSqliteUrl } from '../support/stores';
import { startFeedServer, type FeedServer } from '../support/feed-server';
import { eventually } from '../support/eventually';
import { startRig, story, type Rig } from './support/radar-rig';

describe('feeds that several servers add', () => {
  let rig: Rig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  const secondServer = (r: Rig) => {
    const guild = r.twin.addGuild({ name: 'Second desk', channels: [{ name: 'news' }], members: [{ userId: ADMIN, permissions: 'admin' }] });
    const command = (name: string, options?: Record<string, string>, subcommand?: string) =>
      r.twin.invokeCommand({ guildId: guild.id, channelId: guild.channelId('news'), userId: ADMIN, name, subcommand, options });
    return { guild, command };
  };

  it('fetches a URL two servers added once per poll, and alerts both servers', async () => {
    rig = await startRig();
    const other = secondServer(rig);
    rig.serve('shared', [story(1, 'Dysprosium recycling plant opens in Ohio', 10)]);
    const url = rig.feedServer.url('/shared.xml');
    expect((await rig.command('feed', { url }, 'add')).final.content).toMatch(/Added feed/);
    expect((await other.command('feed', { url }, 'add')).final.content).toMatch(/Added feed/);
    await rig.subscribe('alerts');
    expect((await other.command('subscribe', { channel: other.guild.channelId('news') })).final.content).toMatch(/Subscribed/);
    // /feed add fetched it once per server to check it; from here on, count the polls' requests.
    const checks = rig.feedServer.requests('/shared.xml').length;
    await rig.poll();
    expect(rig.feedServer.requests('/shared.xml')).toHaveLength(checks + 1);
    await rig.poll();
    expect(rig.feedServer.requests('/shared.xml')).toHaveLength(checks + 2);
    expect(rig.titles('alerts')).toEqual(['Dysprosium recycling plant opens in Ohio']);
    const otherTitles = rig.twin.messages(other.guild.channelId('news')).flatMap((m) => (m.embeds as { title?: string }[]).map((e) => e.title));
    expect(otherTitles).toEqual(['Dysprosium recycling plant opens in Ohio']);
  });

  it('refuses a new URL with a clear answer once the bot-wide cap on server feeds is reached, but accepts one already polled', async () => {
    rig = await startRig({ limits: { maxServerFeeds: 1 } });
    const other = secondServer(rig);
    rig.serve('one', [story(1, 'Dysprosium recycling plant opens in Ohio', 10)]);
    rig.serve('two', [story(2, 'Terbium supply deal signed in Perth', 10)]);
    const first = rig.feedServer.url('/one.xml');
    expect((await rig.command('feed', { url: first }, 'add')).final.content).toMatch(/Added feed/);
    const refused = await other.command('feed', { url: rig.feedServer.url('/two.xml') }, 'add');
    expect(refused.final.content).toContain('limits.maxServerFeeds');
    expect((await other.command('feed', { url: first }, 'add')).final.content).toMatch(/Added feed/);
  });
});

describe('a slow publisher', () => {
  let app: App | undefined;
  let slow: FeedServer | undefined;
  let fast: FeedServer | undefined;
  let store: ReturnType<typeof tempSqliteUrl> | undefined;
  let release = () => {};
  afterEach(async () => {
    release();
    await app?.stop();
    await slow?.close();
    await fast?.close();
    store?.cleanup();
    app = undefined;
  });

  it("does not delay another host's alerts: they are handed over while the slow feeds are still answering", async () => {
    const held = new Promise<void>((resolve) => (release = resolve));
    slow = await startFeedServer();
    fast = await startFeedServer({ host: '127.0.0.2' });
    for (const id of ['a', 'b', 'c']) {
      slow.route(`/${id}.xml`, () => ({ body: rss2({ title: 'Slow', items: [story(id.charCodeAt(0), `Dysprosium price report ${id}`, 20)] }), held }));
    }
    fast.route('/fast.xml', { body: rss2({ title: 'Fast', items: [story(9, 'Terbium supply deal signed in Perth', 5)] }) });
    const delivered: string[] = [];
    const settings = {
      // One request per host and two fetches at once: the slow host's queue must not take both slots.
      limits: { perHostConcurrency: 1, feedConcurrency: 2, requestTimeoutMs: 60_000, minHostIntervalMs: 0 },
      feeds: [...['a', 'b', 'c'].map((id) => ({ id: `slow-${id}`, name: `Slow ${id}`, url: slow?.url(`/${id}.xml`) })), { id: 'fast', name: 'Fast', url: fast.url('/fast.xml') }],
    };
    store = tempSqliteUrl();
    app = await createConsoleApp({ settings, storeUrl: store.url, deliver: async (items) => void delivered.push(...items.map((m) => m.item.title)) });
    const cycle = app.runCycle();
    await eventually(() => expect(delivered).toEqual(['Terbium supply deal signed in Perth']), 10_000);
    // The slow host has been asked for its first feed and has not answered it yet.
    expect(slow.requests()).toHaveLength(1);
    release();
    await cycle;
    expect([...delivered].sort()).toEqual(['Dysprosium price report a', 'Dysprosium price report b', 'Dysprosium price report c', 'Terbium supply deal signed in Perth']);
  });
});
