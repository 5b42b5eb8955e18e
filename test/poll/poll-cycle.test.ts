import { createConsoleApp } from '../support/app-rig';
import type { App } from '../../src/app/app-options';
import type { MatchedItem } from '../../src/poll/matched-item';
import { raw, rss2, type Rss2Item } from '../support/feed-builders';
import { startFeedServer, type FeedServer } from '../support/feed-server';
import { tempSqliteUrl } from '../support/stores';

const recent = (minutes: number) => new Date(Date.now() - minutes * 60_000).toUTCString();

describe('poll cycle', () => {
  let server: FeedServer;
  let store: ReturnType<typeof tempSqliteUrl>;
  let app: App;
  let delivered: MatchedItem[];

  const makeApp = async (feedPaths: string[]) => {
    return createConsoleApp({
      settings: {
        limits: { firstPollMaxItems: 50, minHostIntervalMs: 0 },
        feeds: feedPaths.map((p, i) => ({ id: `feed-${i + 1}`, name: `Feed ${i + 1}`, url: server.url(p) })),
      },
      storeUrl: store.url,
      deliver: async (items) => void delivered.push(...items),
      // No back-off: these tests poll again at once to see what a failed feed left behind.
      timings: { feedBackoff: { baseMs: 0 } },
    });
  };

  beforeEach(async () => {
    server = await startFeedServer();
    store = tempSqliteUrl();
    delivered = [];
  });
  afterEach(async () => {
    await app?.stop();
    await server.close();
    store.cleanup();
  });

  it('alerts once when two feeds carry the same story under different guids and tracking links', async () => {
    server.route('/a.xml', { body: rss2({ title: 'A', items: [{ title: 'JOGMEC backs Lynas heavy rare earth expansion', link: 'https://www.news.example/lynas?utm_source=rss', guid: 'a-1', pubDate: recent(30) }] }) });
    server.route('/b.xml', { body: rss2({ title: 'B', items: [{ title: 'JOGMEC backs Lynas heavy rare earth expansion - Wire', link: 'https://news.example/lynas', guid: 'b-77', pubDate: recent(20) }] }) });
    app = await makeApp(['/a.xml', '/b.xml']);
    await app.runCycle();
    // The second feed's copy is handed over only as joining the first's story (for "also reported by").
    expect(delivered.map((d) => [d.item.id, d.story?.joined])).toEqual([['a-1', false], ['b-77', true]]);
    expect(delivered[1]?.story?.id).toBe(delivered[0]?.story?.id);
  });

  it('hands a later copy of an alerted story from another feed over once, as joining it; its own feed re-issuing it stays silent', async () => {
    const lynas = { title: 'JOGMEC backs Lynas heavy rare earth expansion', link: 'https://news.example/lynas', guid: 'a-1', pubDate: recent(30) };
    const quiet = { title: 'Quarterly report of a lithium explorer in Nevada', link: 'https://news.example/quiet', guid: 'a-2', pubDate: recent(29) };
    server.route('/a.xml', { body: rss2({ title: 'A', items: [lynas, quiet] }) });
    server.route('/b.xml', { body: rss2({ title: 'B', items: [] }) });
    app = await makeApp(['/a.xml', '/b.xml']);
    await app.runCycle();
    // Feed B: the same link under its own guid, and the same headline of an item no rule matched.
    server.route('/b.xml', { body: rss2({ title: 'B', items: [{ ...lynas, guid: 'b-9', title: 'Lynas gets JOGMEC backing' }, { ...quiet, guid: 'b-10', link: 'https://b.example/q' }] }) });
    server.route('/a.xml', { body: rss2({ title: 'A', items: [{ ...lynas, guid: 'a-1-reissued' }, quiet] }) });
    await app.runCycle();
    await app.runCycle();
    expect(delivered.map((d) => [d.item.id, d.story?.joined])).toEqual([['a-1', false], ['b-9', true]]);
    expect(delivered[1]?.story?.id).toBe(delivered[0]?.story?.id);
  });

  it('does not alert again when a feed re-issues an item under a new guid, or reorders its items', async () => {
    const items = [
      { title: 'Terbium price climbs for a third straight week', link: 'https://news.example/terbium', guid: 'g-1', pubDate: recent(50) },
      { title: 'Sojitz signs dysprosium supply memorandum', link: 'https://news.example/sojitz', guid: 'g-2', pubDate: recent(40) },
    ];
    server.route('/a.xml', { body: rss2({ title: 'A', items }) });
    app = await makeApp(['/a.xml']);
    await app.runCycle();
    expect(delivered).toHaveLength(2);
    server.route('/a.xml', { body: rss2({ title: 'A', items: [{ ...items[1]!, guid: 'g-2-new' }, { ...items[0]!, title: 'Terbium price climbs for a third straight week (updated)' }] }) });
    await app.runCycle();
    expect(delivered).toHaveLength(2);
  });

  it('keeps items whose feed failed, and alerts them when the feed recovers', async () => {
    server.route('/a.xml', { status: 500, body: 'oops' });
    app = await makeApp(['/a.xml']);
    const failed = await app.runCycle();
    expect(failed.failures).toEqual([{ feedId: 'feed-1', reason: expect.stringContaining('500') }]);
    server.route('/a.xml', { body: rss2({ title: 'A', items: [{ title: 'NdPr futures contract gains support', link: 'https://news.example/ndpr', guid: 'n-1', pubDate: recent(5) }] }) });
    await app.runCycle();
    expect(delivered.map((d) => d.item.title)).toEqual(['NdPr futures contract gains support']);
  });

  it('alerts only the item a feed gained, and counts every item it served', async () => {
    const older = [1, 2, 3].map((n) => ({ title: `Lynas heavy rare earth update ${n} from Kalgoorlie`, link: `https://news.example/lynas-${n}`, guid: `l-${n}`, pubDate: recent(60 - n) }));
    server.route('/a.xml', { body: rss2({ title: 'A', items: older }) });
    app = await makeApp(['/a.xml']);
    await app.runCycle();
    expect(delivered).toHaveLength(3);
    const gained = { title: 'JOGMEC takes a stake in a dysprosium project', link: 'https://news.example/jogmec', guid: 'j-1', pubDate: recent(1) };
    server.route('/a.xml', { body: rss2({ title: 'A', items: [gained, ...older] }) });
    const report = await app.runCycle();
    expect(delivered.slice(3).map((d) => d.item.title)).toEqual([gained.title]);
    expect(report).toMatchObject({ items: 4, newItems: 1, matched: 1 });
  });

  it('alerts at the next poll an item whose delivery failed, though the feed served it before', async () => {
    const item = { title: 'Terbium oxide price reaches a new high', link: 'https://news.example/terbium-high', guid: 't-9', pubDate: recent(10) };
    server.route('/a.xml', { body: rss2({ title: 'A', items: [item] }) });
    let refuse = true;
    app = await createConsoleApp({
      settings: { feeds: [{ id: 'feed-1', name: 'Feed 1', url: server.url('/a.xml') }] },
      storeUrl: store.url,
      deliver: async (items) => {
        if (refuse && items.length > 0) throw new Error('outbox unavailable');
        delivered.push(...items);
      },
    });
    await expect(app.runCycle()).rejects.toThrow('outbox unavailable');
    refuse = false;
    await app.runCycle();
    expect(delivered.map((d) => d.item.title)).toEqual([item.title]);
  });

  describe('a feed that changed, in a running bot (only new items are parsed)', () => {
    const story = (n: number, extra: Rss2Item = {}): Rss2Item => ({
      title: `Lynas heavy rare earth report number ${n}`,
      link: `https://news.example/lynas-${n}`,
      guid: `l-${n}`,
      pubDate: recent(100 - n),
      ...extra,
    });
    const serve = (items: Rss2Item[], build = (s: string) => s) => server.route('/a.xml', { body: build(rss2({ title: 'A', items })) });
    const titles = () => delivered.map((d) => d.item.title);

    it('reports a truncated document as failed even when every item in it is known, and alerts what comes next', async () => {
      serve([story(1), story(2)]);
      app = await makeApp(['/a.xml']);
      await app.runCycle();
      serve([story(1), story(2)], (xml) => xml.replace('</channel></rss>', ''));
      const truncated = await app.runCycle();
      expect(truncated.failures).toEqual([{ feedId: 'feed-1', reason: expect.stringContaining('invalid feed XML') }]);
      serve([story(3), story(1), story(2)]);
      await app.runCycle();
      expect(titles()).toEqual([story(1).title, story(2).title, story(3).title]);
    });

    it('alerts a new story that reuses the guid of a story the feed still carries', async () => {
      serve([story(1)]);
      app = await makeApp(['/a.xml']);
      await app.runCycle();
      serve([story(2, { guid: 'l-1' }), story(1)]);
      await app.runCycle();
      expect(titles()).toEqual([story(1).title, story(2).title]);
    });

    it('finds the new item next to one whose description holds "</item>" in CDATA, and does not repeat an edited one', async () => {
      const tricky = { description: raw('<![CDATA[Quoted markup: </item><item><title>fake</title></item>]]>') };
      serve([story(1, tricky), story(2)]);
      app = await makeApp(['/a.xml']);
      await app.runCycle();
      serve([story(3), story(1, tricky), story(2, { description: 'Updated: output guidance raised.' })]);
      const report = await app.runCycle();
      expect(titles()).toEqual([story(1).title, story(2).title, story(3).title]);
      expect(report).toMatchObject({ items: 3, newItems: 1 });
    });
  });

  it('does not alert items that match no rule, even later', async () => {
    server.route('/a.xml', { body: rss2({ title: 'A', items: [{ title: 'Copper output rises in Chile', link: 'https://news.example/copper', guid: 'c-1', pubDate: recent(5) }] }) });
    app = await makeApp(['/a.xml']);
    const report = await app.runCycle();
    expect(report).toMatchObject({ items: 1, newItems: 1, matched: 0 });
    expect(delivered).toEqual([]);
  });
});

describe('feeds that reuse one guid for every item', () => {
  it('still alerts each distinct story', async () => {
    const server = await startFeedServer();
    const store = tempSqliteUrl();
    const delivered: MatchedItem[] = [];
    server.route('/same.xml', {
      body: rss2({
        title: 'Same guid',
        items: [
          { title: 'Dysprosium exports resume from Myanmar border', link: 'https://news.example/1', guid: 'N/A', pubDate: recent(30) },
          { title: 'Terbium oxide trades higher in Baotou', link: 'https://news.example/2', guid: 'N/A', pubDate: recent(20) },
        ],
      }),
    });
    const settings = { feeds: [{ id: 'same', name: 'Same', url: server.url('/same.xml') }] };
    const app = await createConsoleApp({ settings, storeUrl: store.url, deliver: async (items) => void delivered.push(...items) });
    await app.runCycle();
    await app.runCycle();
    expect(delivered.map((d) => d.item.title)).toEqual(['Dysprosium exports resume from Myanmar border', 'Terbium oxide trades higher in Baotou']);
    await app.stop();
    await server.close();
    store.cleanup();
  });
});

describe('encoded and RDF feeds through the whole path', () => {
  it('matches Chinese terms in a GB2312 feed and English terms in an RSS 1.0 feed, once each', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'feeds', name));
    const server = await startFeedServer();
    const store = tempSqliteUrl();
    const delivered: MatchedItem[] = [];
    server.route('/cn.xml', { body: fixture('gb2312.xml'), contentType: 'application/rss+xml' });
    server.route('/jp.rdf', { body: fixture('rdf-1.0.xml'), contentType: 'application/rdf+xml' });
    const settings = {
      // The fixtures are dated September 2026; let their first poll count them as recent.
      limits: { maxItemAgeHours: 24 * 90, firstPollMaxItems: 10, minHostIntervalMs: 0 },
      feeds: [
        { id: 'cn', name: 'CN', url: server.url('/cn.xml') },
        { id: 'jp', name: 'JP', url: server.url('/jp.rdf') },
      ],
      topics: [{ id: 'heavy', name: 'Heavy', colour: '#112233', rules: ['镝, 铽, dysprosium'] }],
    };
    const app = await createConsoleApp({ settings, storeUrl: store.url, deliver: async (items) => void delivered.push(...items), now: () => new Date('2026-09-20T00:00:00Z') });
    await app.runCycle();
    await app.runCycle();
    // Each feed's alerts go out as that feed is done: oldest first within a feed, feeds in the order they answered.
    const got = delivered.map((d) => [d.item.title, d.matches[0]?.terms]);
    expect(got).toHaveLength(3);
    expect(got).toEqual(
      expect.arrayContaining([
        ['稀土 镝 价格上涨', ['镝']],
        ['Dysprosium recovery trial at a magnet plant in Kyushu', ['dysprosium']],
        ['中重稀土分离项目获批', ['镝', '铽']],
      ]),
    );
    expect(got.findIndex(([title]) => title === '稀土 镝 价格上涨')).toBeLessThan(got.findIndex(([title]) => title === '中重稀土分离项目获批'));
    await app.stop();
    await server.close();
    store.cleanup();
  });
});
