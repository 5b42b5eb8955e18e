import { rss2, type Rss2Item } from '../support/feed-builders';
import { createFakeClock } from './support/fake-clock';
import { startRig, story, type Rig } from './support/radar-rig';

const HOUR = 3_600_000;

/** A backlog of `count` matching stories, one every `everyHours`, the newest `newestHoursAgo` old. */
function backlog(prefix: string, count: number, everyHours: number, from = Date.now()): Rss2Item[] {
  return Array.from({ length: count }, (_, i) => ({
    ...story(i, `${prefix} dysprosium report number ${i + 1}`, (i * everyHours * HOUR) / 60_000, from),
    link: `https://${prefix.toLowerCase()}.example/${i}`,
    guid: `${prefix}-${i}`,
  }));
}

/** New feeds and new subscriptions start with the news, not with the archive. */
describe('no floods', () => {
  let rig: Rig;
  afterEach(() => rig?.close());

  it("posts only the newest few recent items of a config feed's first poll, then only what is new", async () => {
    // The feed is empty at start-up; its first poll with items, after the subscription, is the one that counts.
    rig = await startRig({ feeds: ['wire', 'fresh'], limits: { firstPollMaxItems: 3, maxItemAgeHours: 48 } });
    await rig.subscribe('alerts');
    // 30 stories, one every 4 hours: 13 are within the 48-hour limit, and 3 may be posted.
    const items = backlog('Fresh', 30, 4);
    rig.serve('fresh', items);
    await rig.poll();
    expect(rig.titles('alerts')).toEqual(items.slice(0, 3).reverse().map((i) => String(i.title)));
    const next = { ...story(99, 'Terbium buyers return to the spot market', 0), link: 'https://fresh.example/99' };
    rig.serve('fresh', [next, ...items]);
    await rig.poll();
    expect(rig.titles('alerts')).toEqual([...items.slice(0, 3).reverse().map((i) => String(i.title)), next.title]);
  });

  it('posts only the newest few recent items when a server adds a feed with /feed add', async () => {
    rig = await startRig({ limits: { firstPollMaxItems: 3, maxItemAgeHours: 48 } });
    await rig.subscribe('alerts');
    const items = backlog('Added', 30, 20); // one every 20 hours: only the newest three are within 48 hours
    rig.feedServer.route('/added.xml', { body: rss2({ title: 'Added', items }) });
    const added = await rig.command('feed', { url: rig.feedServer.url('/added.xml'), name: 'Added' }, 'add');
    expect(added.final.content).toContain('Added feed');
    await rig.poll();
    expect(rig.titles('alerts')).toEqual(items.slice(0, 3).reverse().map((i) => String(i.title)));
    await rig.poll();
    expect(rig.titles('alerts')).toHaveLength(3);
  });

  it('gives a new subscription nothing published long before it, while an older one still gets the late story', async () => {
    const clock = createFakeClock();
    const copper = { ...story(0, 'Copper output rises in Chile', 60, clock.now().getTime()), link: 'https://wire.example/copper' };
    rig = await startRig({ now: clock.now, limits: { maxItemAgeHours: 48 }, initialItems: { wire: [copper] } });
    await rig.subscribe('alerts');
    const week = 7 * 24 * HOUR;
    clock.advance(week);
    await rig.subscribe('desk');
    // A feed back from a long outage publishes what it held: a story from five days ago and one from today.
    const stale = story(1, 'JOGMEC heavy rare earth deal was signed last week', 5 * 24 * 60, clock.now().getTime());
    const today = story(2, 'JOGMEC follows up with a terbium agreement', 10, clock.now().getTime());
    rig.serve('wire', [today, stale, copper]);
    await rig.poll();
    expect(rig.titles('alerts')).toEqual([stale.title, today.title]);
    expect(rig.titles('desk')).toEqual([today.title]);
  });
});
