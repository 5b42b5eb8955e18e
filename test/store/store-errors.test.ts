import { createClient } from '@keyv/redis';
import sqlite3 from 'sqlite3';
import { createSeenStore } from '../../src/store/seen-store';
import { openStore } from '../../src/store/open-store';
import { freshRedisUrl, redisAvailable, tempSqliteUrl } from '../support/stores';

const REDIS_DB = 10; // this file's own logical database

/**
 * A store that answers with an error must fail the operation. Read as "absent", a seen key that cannot
 * be read would make an old story new again and alert it a second time; a write that fails silently would
 * do the same at the next poll. A failed poll is logged and retried instead.
 */
describe('a store that answers with an error', () => {
  it('on SQLite: reading and writing throw, nothing passes for "not seen"', async () => {
    const tmp = tempSqliteUrl();
    const kv = await openStore(tmp.url);
    try {
      const seen = createSeenStore(kv);
      await seen.markSeen([{ key: 'item:wire:1', ttlMs: 60_000 }]);
      await dropTable(tmp.url.slice('sqlite://'.length));
      await expect(seen.seenAny([['item:wire:1']])).rejects.toThrow(/no such table/);
      await expect(seen.markSeen([{ key: 'item:wire:2', ttlMs: 60_000 }])).rejects.toThrow(/no such table/);
      await expect(kv.get('feed-state:wire')).rejects.toThrow(/no such table/);
      await expect(kv.set('feed-state:wire', { consecutiveFailures: 0 })).rejects.toThrow(/no such table/);
    } finally {
      await kv.close();
      tmp.cleanup();
    }
  });

  it('on Redis: a read Redis answers with an error throws', async () => {
    if (!(await redisAvailable())) return;
    const url = await freshRedisUrl(REDIS_DB);
    const kv = await openStore(url);
    const raw = createClient({ url });
    await raw.connect();
    try {
      // A key of the wrong type makes Redis answer GET with WRONGTYPE (MGET, by design, answers nil).
      await raw.lPush('keyv::feed-state:wire', 'not a string'); // keys live under @keyv/redis's namespace
      await expect(kv.get('feed-state:wire')).rejects.toThrow(/WRONGTYPE/);
    } finally {
      await raw.quit();
      await kv.close();
    }
  });
});

function dropTable(path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, (error) => {
      if (error) return reject(error);
      db.run('DROP TABLE keyv', (dropError) => db.close(() => (dropError ? reject(dropError) : resolve())));
    });
  });
}
