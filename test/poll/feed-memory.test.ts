import type { App } from '../../src/app/app-options';
import type { MatchedItem } from '../../src/poll/matched-item';
import { openStore } from '../../src/store/open-store';
import { createConsoleApp } from '../support/app-rig';
import { rss2, type Rss2Item } from '../support/feed-builders';
import { startFeedServer, type FeedServer } from '../support/feed-server';
import { createRecordingLogger, type LogEntry } from '../support/recording-logger';
import { recordSeenLookups } from '../support/seen-lookups';
import { tempSqliteUrl } from '../support/stores';

const story = (n: number): Rss2Item => ({
  title: `Lynas heavy rare earth report number ${n}`,
  link: `https://news.example/lynas-${n}`,
  guid: `l-${n}`,
  pubDate: new Date(Date.now() - (100 - n) * 60_000).toUTCString(),
});

/** What a feed served at its last poll is kept in the store: a restarted bot knows it as the running one did. */
describe('a feed that changed, polled by a restarted bot', () => {
  let server: FeedServer;
  let store: ReturnType<typeof tempSqliteUrl>;
  let app: App | undefined;
  let delivered: MatchedItem[];
  let looked: string[];
  let log: LogEntry[];

  const serve = (items: Rss2Item[]) => server.route('/a.xml', { body: rss2({ title: 'A', items }) });
  const start = async () => {
    await app?.stop();
    app = await createConsoleApp({
      settings: { limits: { firstPollMaxItems: 50, minHostIntervalMs: 0 }, feeds: [{ id: 'feed-1', name: 'Feed 1', url: server.url('/a.xml') }] },
      storeUrl: store.url,
      deliver: async (items) => void delivered.push(...items),
      wrapStore: recordSeenLookups(looked),
      logger: createRecordingLogger(log),
    });
    return app;
  };
  const titles = () => delivered.map((d) => d.item.title);

  beforeEach(async () => {
    server = await startFeedServer();
    store = tempSqliteUrl();
    [delivered, looked, log] = [[], [], []];
  });
  afterEach(async () => {
    await app?.stop();
    app = undefined;
    await server.close();
    store.cleanup();
  });

  it('alerts only the item the feed gained, once, without looking up the items it served before the restart', async () => {
    serve([story(1), story(2), story(3)]);
    await (await start()).runCycle();
    serve([story(4), story(1), story(2), story(3)]);
    looked.length = 0;
    const report = await (await start()).runCycle();
    expect(titles()).toEqual([1, 2, 3, 4].map((n) => story(n).title));
    expect(report).toMatchObject({ items: 4, newItems: 1, matched: 1 });
    expect(looked).toEqual(['feed-1:l-4']);
    await app!.runCycle();
    expect(titles()).toHaveLength(4);
  });

  it('ignores a damaged memory: every item is looked up again, and none is lost or alerted twice', async () => {
    serve([story(1), story(2), story(3)]);
    await (await start()).runCycle();
    await app!.stop();
    const kv = await openStore(store.url);
    // Cut short: not a whole number of items.
    await kv.set('feed-memory:feed-1', `items1:${Buffer.alloc(24).toString('base64')}`);
    await kv.close();
    serve([story(4), story(1), story(2), story(3)]);
    looked.length = 0;
    const report = await (await start()).runCycle();
    expect(titles()).toEqual([1, 2, 3, 4].map((n) => story(n).title));
    expect(report).toMatchObject({ items: 4, newItems: 1 });
    expect([...looked].sort()).toEqual(['feed-1:l-1', 'feed-1:l-2', 'feed-1:l-3', 'feed-1:l-4']);
    expect(log).toContainEqual(expect.objectContaining({ level: 'warn', message: 'skipped unreadable store entry', fields: expect.objectContaining({ key: 'feed-memory:feed-1' }) }));
    // The poll stored a sound memory again: the next change is looked up alone.
    serve([story(5), story(4), story(1), story(2), story(3)]);
    looked.length = 0;
    await (await start()).runCycle();
    expect(titles()).toEqual([1, 2, 3, 4, 5].map((n) => story(n).title));
    expect(looked).toEqual(['feed-1:l-5']);
  });
});
