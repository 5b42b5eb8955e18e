import { createFeedStateStore } from '../../src/store/feed-state-store';
import type { KeyValue } from '../../src/store/key-value';
import { openStore } from '../../src/store/open-store';
import { createSeenStore } from '../../src/store/seen-store';
import { createGuildSettingsStore } from '../../src/store/guild-settings-store';
import { createAlertStatsStore } from '../../src/store/alert-stats-store';
import { subscribe } from '../../src/guilds/edit-subscriptions';
import { freshRedisUrl, redisAvailable, tempSqliteUrl } from '../support/stores';

const REDIS_DB = 3; // this file's own logical database, so parallel test files do not collide

type Backend = { name: string; open: () => Promise<{ kv: KeyValue; done: () => Promise<void> }> };

const sqlite: Backend = {
  name: 'sqlite',
  async open() {
    const tmp = tempSqliteUrl();
    const kv = await openStore(tmp.url);
    return { kv, done: async () => { await kv.close(); tmp.cleanup(); } };
  },
};
const redis: Backend = {
  name: 'redis',
  async open() {
    const kv = await openStore(await freshRedisUrl(REDIS_DB));
    return { kv, done: () => kv.close() };
  },
};

let hasRedis = false;
beforeAll(async () => {
  hasRedis = await redisAvailable();
});

describe.each([sqlite, redis])('repositories on $name', (backend) => {
  let kv: KeyValue;
  let done: () => Promise<void>;
  beforeEach(async () => {
    if (backend === redis && !hasRedis) return;
    ({ kv, done } = await backend.open());
  });
  afterEach(async () => {
    if (backend === redis && !hasRedis) return;
    await done();
  });
  const run = (name: string, fn: () => Promise<void>) =>
    it(name, async () => {
      if (backend === redis && !hasRedis) return; // redisAvailable() printed the notice (or threw in CI)
      await fn();
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

  run("remembers each feed's state separately", async () => {
    const states = createFeedStateStore(kv);
    await states.set('mining', { etag: '"v1"', lastModified: 'Tue, 01 Sep 2026 10:00:00 GMT', consecutiveFailures: 0 });
    await states.set('scmp', { consecutiveFailures: 3, lastError: 'HTTP 503 Service Unavailable' });
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
