import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Keyv from 'keyv';
import type { KeyvStoreAdapter } from 'keyv';
import KeyvSqlite from '@keyv/sqlite';
import KeyvRedis from '@keyv/redis';
import { UserError } from '../shared/errors';
import type { CorruptEntryReporter, KeyValue } from './key-value';

const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens the store named by a URL: `sqlite://relative/or/absolute/path` (the directory is created on demand)
 * or `redis://host:port[/db]`. Every repository then works the same on either.
 */
export async function openStore(url: string, onCorrupt: CorruptEntryReporter = () => {}): Promise<KeyValue> {
  const keyv = new Keyv({ store: createAdapter(url), useKeyPrefix: false });
  // Keyv reports connection problems as events; without a listener they would crash the process.
  keyv.on('error', () => {});
  const kv = wrapKeyv(keyv, onCorrupt);
  await kv.get('__ping__'); // fail now, with a clear message, rather than at the first poll
  return kv;
}

function createAdapter(url: string): KeyvStoreAdapter {
  if (url.startsWith('sqlite://')) {
    const path = url.slice('sqlite://'.length);
    if (!path) throw new UserError(`store URL "${url}" has no file path`);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    return new KeyvSqlite({ uri: `sqlite://${path}`, busyTimeout: SQLITE_BUSY_TIMEOUT_MS }) as unknown as KeyvStoreAdapter;
  }
  if (url.startsWith('redis://') || url.startsWith('rediss://')) {
    return new KeyvRedis(url) as unknown as KeyvStoreAdapter;
  }
  throw new UserError(`store URL "${url}" must start with sqlite:// or redis://`);
}

function wrapKeyv(keyv: Keyv, onCorrupt: CorruptEntryReporter): KeyValue {
  const readSafely = async <T>(key: string, read: () => Promise<T | undefined>): Promise<T | undefined> => {
    try {
      return await read();
    } catch (error: unknown) {
      if (error instanceof SyntaxError) {
        onCorrupt(key, error.message);
        return undefined;
      }
      throw error;
    }
  };
  return {
    get: <T>(key: string) => readSafely(key, () => keyv.get<T>(key)),
    async getMany<T>(keys: string[]) {
      if (keys.length === 0) return [];
      // One bad entry must not hide the others: fall back to reading them one by one.
      const all = await readSafely(keys.join(','), () => keyv.getMany<T>(keys));
      if (all) return all as (T | undefined)[];
      return Promise.all(keys.map((key) => readSafely(key, () => keyv.get<T>(key))));
    },
    async set(key, value, ttlMs) {
      await keyv.set(key, value, ttlMs);
    },
    async delete(key) {
      await keyv.delete(key);
    },
    close: () => keyv.disconnect(),
  };
}
