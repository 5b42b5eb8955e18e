import type { App } from '../../src/app/app-options';
import { eventually } from '../support/eventually';
import { rss2, type Rss2Item } from '../support/feed-builders';
import { startFeedServer, type FeedServer } from '../support/feed-server';
import { recordSeenLookups } from '../support/seen-lookups';
import { freshRedisUrl, redisAvailable } from '../support/stores';
import { ADMIN, createConsoleApp, LOOPBACK_LIMITS } from '../support/app-rig';
import { startFleet, stories, type Fleet } from './fleet-harness';

const REDIS_DB = 7; // this file's own logical database

/**
 * Three instances of the bot on one Redis and one Discord: each tick polls on one instance only, polls
 * never overlap, every alert reaches the channel exactly once, and stopping the poller loses nothing.
 */
describe('three instances sharing one Redis and one Discord', () => {
  let hasRedis = false;
  let fleet: Fleet | undefined;
  beforeAll(async () => {
    hasRedis = await redisAvailable();
  });
  afterEach(async () => {
    await fleet?.close();
    fleet = undefined;
  });

  it('polls once per tick, never two at once, and posts each alert exactly once', async () => {
    if (!hasRedis) return;
    const f = (fleet = await startFleet(3, REDIS_DB));
    const reply = await f.twin.invokeCommand({ guildId: f.guild.id, channelId: f.guild.channelId('alerts'), userId: ADMIN, name: 'subscribe', options: { channel: f.guild.channelId('alerts') } });
    expect(reply.final.content).toContain('Subscribed');
    await eventually(() => expect(f.feeds.requests('/wire.xml').length).toBeGreaterThan(0)); // the feed is known: no backlog

    // One poll per tick: counted in ticks, not seconds (a busy machine skips ticks, it never doubles them).
    // Four more ticks polled by the fleet: each by one instance only, and one feed request each, not three
    // (one more request at most: a poll of an earlier tick may still have been on its way).
    const [requestsBefore, polledBefore] = [f.feeds.requests('/wire.xml').length, f.polledTicks().length];
    await eventually(() => expect(f.polledTicks().length).toBeGreaterThanOrEqual(polledBefore + 4));
    const requests = f.feeds.requests('/wire.xml').length; // read before the ticks: a tick is logged before its request
    const polled = f.polledTicks();
    expect(new Set(polled).size).toBe(polled.length);
    expect(requests - requestsBefore).toBeLessThanOrEqual(polled.length - polledBefore + 1);
    expect(new Set(f.pollers()).size).toBeGreaterThanOrEqual(1);

    const published = stories(1, 6);
    f.publish(published);
    await eventually(() => expect(f.titles()).toHaveLength(6));
    // Slow answers: a poll now lasts longer than the tick interval, so overlapping polls would show here.
    f.feeds.route('/wire.xml', { body: rss2({ title: 'Wire', items: [...stories(7, 3), ...published] }), delayMs: 1_500 });
    await eventually(() => expect(f.titles()).toHaveLength(9));
    // Two more polls of the same items, with delivery sweeps on every instance meanwhile: nothing may be posted again.
    const requestsNow = f.feeds.requests('/wire.xml').length;
    await eventually(() => expect(f.feeds.requests('/wire.xml').length).toBeGreaterThanOrEqual(requestsNow + 2));
    await Promise.all(f.apps.map((app) => app.settle()));
    expect([...f.titles()].sort()).toEqual([...stories(1, 9)].map((s) => s.title).sort());
    expect(f.feeds.peakConcurrency()).toBe(1);
  });

  it('keeps polling and delivering on the others when the polling instance stops', async () => {
    if (!hasRedis) return;
    const f = (fleet = await startFleet(2, REDIS_DB));
    await f.twin.invokeCommand({ guildId: f.guild.id, channelId: f.guild.channelId('alerts'), userId: ADMIN, name: 'subscribe', options: { channel: f.guild.channelId('alerts') } });
    await eventually(() => expect(f.pollers().length).toBeGreaterThan(0));
    const poller = f.pollers().at(-1)!;
    await f.apps[poller]!.stop();
    const polledBefore = f.pollers().length;
    f.publish(stories(1, 2));
    await eventually(() => expect(f.titles()).toHaveLength(2));
    // A stopped instance releases its lease: the other polls from then on, and the stopped one never again.
    expect(f.pollers().slice(polledBefore)).toEqual(expect.arrayContaining([1 - poller]));
    expect(f.pollers().slice(polledBefore)).not.toContain(poller);
  });
});

/**
 * What each feed served at its last poll is kept in Redis: an instance polling a feed another polled last
 * (after a takeover, or a restart) recognises the items served before, as the one that polled them would.
 */
describe('instances sharing one Redis share what each feed served', () => {
  const story = (n: number): Rss2Item => ({ ...stories(n, 1)[0]!, pubDate: new Date(Date.now() - (100 - n) * 60_000).toUTCString() });
  let feeds: FeedServer | undefined;
  let apps: App[] = [];
  afterEach(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    apps = [];
    await feeds?.close();
  });

  it('alerts each new item once and looks up only the new ones, whichever instance polls', async () => {
    if (!(await redisAvailable())) return;
    const server = (feeds = await startFeedServer());
    const storeUrl = await freshRedisUrl(REDIS_DB);
    const delivered: string[] = [];
    const looked: string[] = [];
    // Each poll a minute after the last: the instances tell their own polls from the other's by time.
    let clock = Date.now();
    const now = () => new Date((clock += 60_000));
    const settings = { limits: LOOPBACK_LIMITS, feeds: [{ id: 'wire', name: 'Wire', url: server.url('/wire.xml') }] };
    const open = () => createConsoleApp({ settings, storeUrl, now, deliver: async (items) => void delivered.push(...items.map((m) => m.item.title)), wrapStore: recordSeenLookups(looked) });
    const [one, two] = (apps = [await open(), await open()]);
    const serve = (numbers: number[]) => server.route('/wire.xml', { body: rss2({ title: 'Wire', items: numbers.map(story) }) });
    const poll = async (app: App) => {
      looked.length = 0;
      await app.runCycle();
      return [...looked];
    };

    serve([3, 2, 1]);
    await poll(one!);
    serve([4, 3, 2, 1]);
    expect(await poll(two!)).toEqual(['wire:story-4']);
    // The first instance's own copy is older than the feed's last poll: it reads the one the other stored.
    serve([5, 4, 3, 2, 1]);
    expect(await poll(one!)).toEqual(['wire:story-5']);
    await poll(two!);
    expect(delivered).toEqual([1, 2, 3, 4, 5].map((n) => story(n).title));
  });
});
