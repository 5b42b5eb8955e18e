import type { KeyValue } from '../../src/store/key-value';
import { openStore } from '../../src/store/open-store';
import { freshRedisUrl, redisAvailable, tempSqliteUrl } from '../support/stores';

/** A store engine the repository suites run on; `second` opens another instance's connection to the same data. */
export interface Backend {
  name: 'sqlite' | 'redis';
  open(): Promise<{ kv: KeyValue; second: () => Promise<KeyValue>; done: () => Promise<void> }>;
}

/** SQLite in a temp dir and Redis in logical database `redisDb` (one per test file, so files run in parallel). */
export function storeBackends(redisDb: number): Backend[] {
  const sqlite: Backend = {
    name: 'sqlite',
    async open() {
      const tmp = tempSqliteUrl();
      const opened: KeyValue[] = [await openStore(tmp.url)];
      const second = async () => {
        opened.push(await openStore(tmp.url));
        return opened.at(-1)!;
      };
      return { kv: opened[0]!, second, done: async () => { await Promise.all(opened.map((kv) => kv.close())); tmp.cleanup(); } };
    },
  };
  const redis: Backend = {
    name: 'redis',
    async open() {
      const url = await freshRedisUrl(redisDb);
      const opened: KeyValue[] = [await openStore(url)];
      const second = async () => {
        opened.push(await openStore(url));
        return opened.at(-1)!;
      };
      return { kv: opened[0]!, second, done: async () => void (await Promise.all(opened.map((kv) => kv.close()))) };
    },
  };
  return [sqlite, redis];
}

/**
 * `it` for a backend: Redis tests return early (after redisAvailable()'s loud notice) when Redis is not
 * there outside CI; with REQUIRE_REDIS=1 redisAvailable() throws instead, so CI cannot pass by skipping.
 */
export function backendTests(backend: Backend) {
  let hasRedis = false;
  let kv: KeyValue;
  let second: () => Promise<KeyValue>;
  let done: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (backend.name === 'redis') hasRedis = await redisAvailable();
  });
  const skipped = () => backend.name === 'redis' && !hasRedis;
  beforeEach(async () => {
    if (skipped()) return;
    ({ kv, second, done } = await backend.open());
  });
  afterEach(async () => {
    await done?.();
    done = undefined;
  });
  return {
    kv: () => kv,
    second: () => second(),
    it: (name: string, fn: () => Promise<void>, timeoutMs?: number) =>
      it(name, async () => {
        if (skipped()) return;
        await fn();
      }, timeoutMs),
  };
}
