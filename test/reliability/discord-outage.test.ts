import { eventually } from '../support/eventually';
import { rss2 } from '../support/feed-builders';
import { startRig, story, type Rig } from './support/radar-rig';

/** Discord failing in every way the REST client and the gateway can see; alerts wait in the outbox. */
describe('Discord outages', () => {
  let rig: Rig;
  afterEach(() => rig?.close());

  const postsTo = (channel: string, status: number) =>
    rig.twin.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${rig.guild.channelId(channel)}/messages` && r.status === status).length;

  it('holds alerts through a run of 503s and posts each once, in publication order, when Discord answers', async () => {
    rig = await startRig({ feeds: ['wire', 'late'] });
    await rig.subscribe('alerts');
    // The outage ends when the test says, not after a time: two polls take however long the machine needs.
    rig.twin.failRest({ status: 503, count: Number.POSITIVE_INFINITY, match: /\/messages$/ });

    const b = story(2, 'Dysprosium oxide price rises in Baotou', 10);
    const c = story(3, 'Terbium exports slow at the border', 5);
    const a = { ...story(1, 'JOGMEC signs heavy rare earth offtake', 30), link: 'https://late.example/a', guid: 'late-1' };
    rig.serve('wire', [b]);
    await rig.poll();
    rig.serve('wire', [c, b]);
    rig.serve('late', [a]); // published first, found last: it still goes first
    await rig.poll();
    expect(rig.titles('alerts')).toEqual([]);
    expect(postsTo('alerts', 503)).toBeGreaterThan(0);

    rig.twin.clearFaults();
    await eventually(() => expect(rig.titles('alerts')).toHaveLength(3));
    expect(rig.titles('alerts')).toEqual([a.title, b.title, c.title]);
    await rig.poll();
    expect(rig.titles('alerts')).toEqual([a.title, b.title, c.title]);
  });

  it('treats dropped connections as transient and posts once the socket holds', async () => {
    rig = await startRig();
    await rig.subscribe('alerts');
    rig.twin.failRest({ status: 'drop', count: 3, match: /\/messages$/ });
    rig.serve('wire', [story(1, 'Sojitz widens its Lynas supply deal for Japan', 3)]);
    await rig.poll();
    await eventually(() => expect(rig.titles('alerts')).toEqual(['Sojitz widens its Lynas supply deal for Japan']), 10_000);
    expect(postsTo('alerts', 0)).toBe(3);
    expect(rig.logged('alert not sent; will retry').length).toBeGreaterThan(0);
  });

  it('waits out refused connections and posts once Discord listens again', async () => {
    rig = await startRig({ viaProxy: true });
    await rig.subscribe('alerts');
    await rig.proxy!.refuseConnections(true);
    rig.serve('wire', [story(1, 'Terbium buyers return after the holiday', 4), story(2, 'Dysprosium spot price steadies', 2)]);
    await rig.poll();
    expect(rig.logged('alert not sent; will retry').map((e) => String(e.fields.reason))).toContainEqual(expect.stringContaining('ECONNREFUSED'));
    await rig.proxy!.refuseConnections(false);
    await eventually(() => expect(rig.titles('alerts')).toHaveLength(2), 10_000);
    expect(rig.titles('alerts')).toEqual(['Terbium buyers return after the holiday', 'Dysprosium spot price steadies']);
  });

  it('keeps polling on schedule while Discord is down, then delivers what it found', async () => {
    rig = await startRig({ config: { schedule: '* * * * * *' } });
    await rig.subscribe('alerts');
    rig.twin.failRest({ status: 502, count: Number.POSITIVE_INFINITY, match: /\/messages$/ });
    const body = rss2({ title: 'wire', items: [story(1, 'NdPr oxide climbs on strong magnet demand', 2)] });
    const polledAt: number[] = [];
    rig.feedServer.route('/wire.xml', () => {
      polledAt.push(Date.now());
      return { body };
    });
    // Down until the schedule has fetched the feed twice more after the first refused post (ticks, not seconds).
    const refusedAt = () => rig.twin.requests.find((r) => r.method === 'POST' && r.path.endsWith('/messages') && r.status === 502)?.at;
    await eventually(() => expect(polledAt.filter((t) => t > (refusedAt() ?? Infinity)).length).toBeGreaterThanOrEqual(2));
    rig.twin.clearFaults();
    await eventually(() => expect(rig.titles('alerts')).toEqual(['NdPr oxide climbs on strong magnet demand']));
    const posts = rig.twin.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));
    const firstFailure = posts.find((r) => r.status === 502)!.at;
    const delivered = posts.find((r) => r.status === 200)!.at;
    // The schedule kept fetching the feed between the first refused post and the one that went through.
    expect(polledAt.filter((t) => t > firstFailure && t < delivered).length).toBeGreaterThanOrEqual(2);
  });

  it('posts through a gateway drop and resume, and answers commands afterwards', async () => {
    rig = await startRig();
    await rig.subscribe('alerts');
    rig.twin.dropGateway();
    rig.serve('wire', [story(1, 'Heavy rare earth separation plant opens in Texas', 1)]);
    await rig.poll();
    await eventually(() => expect(rig.titles('alerts')).toEqual(['Heavy rare earth separation plant opens in Texas']), 10_000);
    await eventually(() => expect(rig.logged('gateway resumed').length).toBe(1), 10_000);
    await rig.subscribe('desk');
    rig.serve('wire', [story(2, 'Terbium magnets get a new buyer in Japan', 0), story(1, 'Heavy rare earth separation plant opens in Texas', 1)]);
    await rig.poll();
    expect(rig.titles('alerts')).toEqual(['Heavy rare earth separation plant opens in Texas', 'Terbium magnets get a new buyer in Japan']);
    expect(rig.titles('desk')).toEqual(['Terbium magnets get a new buyer in Japan']);
  });
});
