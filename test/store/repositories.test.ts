import { createFeedMemoryStore } from '../../src/store/feed-memory-store';
import { createFeedStateStore } from '../../src/store/feed-state-store';
import type { KeyValue } from '../../src/store/key-value';
import { openStore } from '../../src/store/open-store';
import { createSeenStore } from '../../src/store/seen-store';
import { createGuildSettingsStore } from '../../src/store/guild-settings-store';
import { createAlertStatsStore } from '../../src/store/alert-stats-store';
import { subscribe } from '../../src/guilds/edit-subscriptions';
import { tempSqliteUrl } from '../support/stores';
import { backendTests, storeBackends } from './backends';

const REDIS_DB = 3; // this file's own logical database, so parallel test files do not collide

describe.each(storeBackends(REDIS_DB))('repositories on $name', (backend) => {
  const t = backendTests(backend);
  const run = t.it;
  let kv: KeyValue;
  beforeEach(() => {
    kv = t.kv();
  });

  run('reports an item as seen when any one of its keys was seen', async () => {
    const seen = createSeenStore(kv);
    await seen.markSeen([{ key: 'link:example.com/a', ttlMs: 60_000 }]);
    expect(await seen.seenAny([['item:f:1', 'link:example.com/a'], ['item:f:2', 'link:example.com/b'], []])).toEqual([true, false, false]);
  });

  run('forgets seen keys once their time to live has passed', async () => {
    const seen = createSeenStore(kv);
    await seen.markSeen([{ key: 'short', ttlMs: 50 }, { key: 'long', ttlMs: 60_000 }]);
    await new Promise((r) => setTimeout(r, 120));
    expect(await seen.seenAny([['short'], ['long']])).toEqual([false, true]);
  });

  run('remembers every key of a first poll of hundreds of feeds, and answers for each in order', async () => {
    const seen = createSeenStore(kv);
    // More keys than one SQLite statement takes (5,000), as a first poll of 500 feeds writes ~47,000.
    const keys = Array.from({ length: 12_001 }, (_, i) => `item:wire-${i % 500}:${i}`);
    await seen.markSeen(keys.filter((_, i) => i % 3 !== 0).map((key) => ({ key, ttlMs: 60_000 })));
    const answers = await seen.seenAny(keys.map((key) => [key]));
    expect(answers.filter((a, i) => a !== (i % 3 !== 0))).toEqual([]);
  });

  run('writes a batch of values with their own times to live, readable by a second connection', async () => {
    await kv.setMany([
      { key: 'a', value: { etag: '"x"', n: 1 } },
      { key: 'b', value: 'text with "quotes", commas, and ünïcode', ttlMs: 60_000 },
      { key: 'c', value: 3, ttlMs: 50 },
    ]);
    await kv.setMany([{ key: 'a', value: { etag: '"y"', n: 2 } }]);
    await new Promise((r) => setTimeout(r, 120));
    const other = await t.second();
    expect(await other.getMany(['a', 'b', 'c', 'missing'])).toEqual([{ etag: '"y"', n: 2 }, 'text with "quotes", commas, and ünïcode', undefined, undefined]);
  });

  run("remembers each feed's state separately", async () => {
    const states = createFeedStateStore(kv);
    await states.setMany([
      { feedId: 'mining', state: { etag: '"v1"', lastModified: 'Tue, 01 Sep 2026 10:00:00 GMT', consecutiveFailures: 0 } },
      { feedId: 'scmp', state: { consecutiveFailures: 3, lastError: 'HTTP 503 Service Unavailable' } },
    ]);
    const all = await states.getMany(['mining', 'scmp', 'never-polled']);
    expect(all.get('mining')?.etag).toBe('"v1"');
    expect(all.get('scmp')?.lastError).toBe('HTTP 503 Service Unavailable');
    expect(all.has('never-polled')).toBe(false);
  });

  run('keeps each server\'s settings apart and applies concurrent edits of one server in turn', async () => {
    const guilds = createGuildSettingsStore(kv);
    const now = new Date('2026-11-26T12:00:00Z');
    await Promise.all(
      ['c1', 'c2', 'c3', 'c4', 'c5'].map((channelId) => guilds.update('A', (s) => ({ settings: subscribe(s, { channelId }, now).settings, result: undefined }))),
    );
    await guilds.update('B', (s) => ({ settings: subscribe(s, { channelId: 'b1', topicId: 'heavy' }, now).settings, result: undefined }));
    expect((await guilds.get('A')).subscriptions.map((x) => x.channelId).sort()).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    expect((await guilds.get('B')).subscriptions).toEqual([expect.objectContaining({ channelId: 'b1', topicId: 'heavy' })]);
    expect((await guilds.all()).map((g) => g.guildId).sort()).toEqual(['A', 'B']);
    expect((await guilds.get('never-seen')).subscriptions).toEqual([]);
  });

  run('counts alerts sent per server over the last 24 hours', async () => {
    const stats = createAlertStatsStore(kv);
    const now = new Date('2026-11-26T12:00:00Z');
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
    await Promise.all([stats.recordSent('A', hoursAgo(1)), stats.recordSent('A', hoursAgo(1)), stats.recordSent('A', hoursAgo(5)), stats.recordSent('B', hoursAgo(2))]);
    expect(await stats.countSince('A', hoursAgo(24), now)).toBe(3);
    expect(await stats.countSince('B', hoursAgo(24), now)).toBe(1);
    expect(await stats.countSince('A', hoursAgo(3), now)).toBe(2);
  });

  run('holds a named lock against every holder, so read-modify-writes never interleave', async () => {
    const order: string[] = [];
    const slow = (name: string) => kv.withLock('doc', async () => {
      order.push(`${name}:in`);
      await new Promise((r) => setTimeout(r, 20));
      order.push(`${name}:out`);
    });
    await Promise.all([slow('a'), slow('b'), slow('c')]);
    expect(order).toEqual(['a:in', 'a:out', 'b:in', 'b:out', 'c:in', 'c:out']);
  });

  run('grants a claim to one holder until it is released or expires, and only its holder renews it', async () => {
    // Claims long enough (10 s) that a busy machine cannot let them lapse between two lines of this test.
    const first = await kv.tryClaim('job', 10_000);
    expect(first).toBeDefined();
    expect(await kv.tryClaim('job', 10_000)).toBeUndefined();
    await first!.release();
    const second = await kv.tryClaim('job', 10_000);
    expect(second).toBeDefined();
    expect(await second!.renew()).toBe(true);
    // A short claim, tried again until it has lapsed (however long the machine takes), then taken by another.
    const brief = await kv.tryClaim('brief', 100);
    expect(brief).toBeDefined();
    let third = await kv.tryClaim('brief', 10_000);
    while (!third) {
      await new Promise((r) => setTimeout(r, 50));
      third = await kv.tryClaim('brief', 10_000);
    }
    expect(await brief!.renew()).toBe(false); // lapsed and taken: the old holder must stop
    await brief!.release(); // and cannot free the new holder's claim
    expect(await kv.tryClaim('brief', 10_000)).toBeUndefined();
  });
  run('gives a feed\'s memory back as stored, and forgets it once its time to live has passed', async () => {
    const numbers = new Float64Array([2 ** 53 - 1, Number.NaN, 0, 123_456_789, 1, 2, 3, 4]);
    const memories = createFeedMemoryStore(kv, { tag: 'items1', recordLength: 4, ttlMs: 60_000 });
    await memories.setMany([{ feedId: 'wire', numbers }]);
    await createFeedMemoryStore(kv, { tag: 'items1', recordLength: 4, ttlMs: 50 }).setMany([{ feedId: 'brief', numbers }]);
    await new Promise((r) => setTimeout(r, 120));
    expect(await memories.getMany(['wire', 'brief', 'never'])).toEqual([numbers, undefined, undefined]);
  });

  const damaged: [string, unknown][] = [
    ['a memory cut short', `items1:${Buffer.alloc(24).toString('base64')}`],
    ['text that is not base64', 'items1:AAAA#AAA'],
    ['a number that no hash gives', `items1:${Buffer.from(new Float64Array([1, 2, -3, 4]).buffer).toString('base64')}`],
    ['a value that is not text', { items: [1, 2, 3, 4] }],
    ['text with no version', 'AAAAAAAAAAA='],
  ];
  for (const [what, value] of damaged) {
    run(`reads ${what} as no feed memory, and reports it`, async () => {
      const problems: string[] = [];
      await kv.set('feed-memory:wire', value);
      expect(await createFeedMemoryStore(kv, { tag: 'items1', recordLength: 4, ttlMs: 60_000 }, (key) => problems.push(key)).getMany(['wire'])).toEqual([undefined]);
      expect(problems).toEqual(['feed-memory:wire']);
    });
  }

  run('reads a memory written by a version that hashed differently as absent, without a report', async () => {
    const problems: string[] = [];
    await createFeedMemoryStore(kv, { tag: 'items0', recordLength: 4, ttlMs: 60_000 }).setMany([{ feedId: 'wire', numbers: new Float64Array(4) }]);
    expect(await createFeedMemoryStore(kv, { tag: 'items1', recordLength: 4, ttlMs: 60_000 }, (key) => problems.push(key)).getMany(['wire'])).toEqual([undefined]);
    expect(problems).toEqual([]);
  });
});

/** Only Redis is shared by several processes; SQLite belongs to one, so these run on Redis alone. */
describe.each(storeBackends(REDIS_DB).filter((b) => b.name === 'redis'))('repositories shared by two instances on $name', (backend) => {
  const t = backendTests(backend);

  t.it('keeps every concurrent edit of one server made from two instances', async () => {
    const [one, two] = [createGuildSettingsStore(t.kv()), createGuildSettingsStore(await t.second())];
    const now = new Date('2026-11-26T12:00:00Z');
    const add = (store: typeof one, channelId: string) => store.update('A', (s) => ({ settings: subscribe(s, { channelId }, now).settings, result: undefined }));
    await Promise.all(['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((id, i) => add(i % 2 ? one : two, id)));
    await Promise.all([two.update('B', (s) => ({ settings: s, result: undefined })), one.update('C', (s) => ({ settings: s, result: undefined }))]);
    expect((await one.get('A')).subscriptions.map((x) => x.channelId).sort()).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
    expect((await two.all()).map((g) => g.guildId).sort()).toEqual(['A', 'B', 'C']);
  });

  t.it('counts every alert recorded from two instances in the same hour', async () => {
    const [one, two] = [createAlertStatsStore(t.kv()), createAlertStatsStore(await t.second())];
    const at = new Date('2026-11-26T11:30:00Z');
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? one : two).recordSent('A', at)));
    expect(await one.countSince('A', new Date('2026-11-26T11:00:00Z'), at)).toBe(10);
  });

  t.it('grants a claim to one instance at a time', async () => {
    const other = await t.second();
    const verdicts = await Promise.all([t.kv().tryClaim('job', 5_000), other.tryClaim('job', 5_000), t.kv().tryClaim('job', 5_000)]);
    expect(verdicts.filter(Boolean)).toHaveLength(1);
  });
});

it('skips a corrupted entry with a report instead of failing the read', async () => {
  const tmp = tempSqliteUrl();
  const problems: string[] = [];
  const kv = await openStore(tmp.url, (key) => problems.push(key));
  await kv.set('good', { ok: true });
  // Write garbage straight into the table, as a half-written file or a manual edit would leave it.
  const sqlite3 = (await import('sqlite3')).default;
  const db = new sqlite3.Database(tmp.url.slice('sqlite://'.length));
  await new Promise<void>((resolve, reject) => db.run(`INSERT INTO keyv (key, value) VALUES ('bad', '{not json')`, (e) => (e ? reject(e) : resolve())));
  await new Promise<void>((resolve) => db.close(() => resolve()));
  expect(await kv.get('bad')).toBeUndefined();
  expect(await kv.getMany(['good', 'bad'])).toEqual([{ ok: true }, undefined]);
  expect(problems).toContain('bad');
  await kv.close();
  tmp.cleanup();
});
