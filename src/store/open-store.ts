import Keyv from 'keyv';
import type { KeyvStoreAdapter } from 'keyv';
import KeyvRedis from '@keyv/redis';
import { UserError } from '../shared/errors';
import type { CorruptEntryReporter, KeyValue } from './key-value';
import { createInProcessClaims, createRedisClaims } from './claims';
import { createInProcessLocks, createRedisLocks, type LockClient } from './named-locks';
import { BatchingSqlite } from './sqlite-adapter';
import { createRedisIndex, type SortedIndexClient } from './sorted-index';
import { explainStoreFailure, STORE_CONNECT_TIMEOUT_MS } from './explain-store-failure';
import { prepareSqlitePath } from './prepare-sqlite-path';
import { createKeyvJson } from './keyv-json';

const SQLITE_BUSY_TIMEOUT_MS = 5_000;
/** Entries handed to Keyv per setMany call. */
const SET_MANY_SLICE = 2_000;
/** Written and read at start-up to prove the store works; /healthz reads it too. */
const PING_KEY = '__ping__';
/** Past the Redis connect budget, how long opening may still take before it is abandoned. */
const OPEN_GRACE_MS = 3_000;

/**
 * Opens the store named by a URL: `sqlite://relative/or/absolute/path` (the directory is created on demand)
 * or `redis://host:port[/db]`. Every repository then works the same on either.
 */
export async function openStore(url: string, onCorrupt: CorruptEntryReporter = () => {}): Promise<KeyValue> {
  const adapter = createAdapter(url);
  let timer: NodeJS.Timeout | undefined;
  // A backstop: the Redis client gives up by itself after STORE_CONNECT_TIMEOUT_MS (see below); this
  // bounds anything else that would keep start-up waiting in silence.
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`connect timeout after ${STORE_CONNECT_TIMEOUT_MS} ms`)), STORE_CONNECT_TIMEOUT_MS + OPEN_GRACE_MS);
  });
  try {
    return await Promise.race([connect(adapter, onCorrupt), timedOut]);
  } catch (error: unknown) {
    // Forced: a polite close would wait for the queued commands, that is for Redis to come back.
    await Promise.resolve(adapter instanceof KeyvRedis ? adapter.disconnect(true) : adapter.disconnect?.()).catch(() => {});
    throw explainStoreFailure(url, error);
  } finally {
    clearTimeout(timer);
  }
}

async function connect(adapter: KeyvStoreAdapter, onCorrupt: CorruptEntryReporter): Promise<KeyValue> {
  if (adapter instanceof BatchingSqlite) await adapter.tune();
  // Keyv's default is to report a failed read as "absent" and a failed write as done: a seen key that
  // could not be read would alert an old story again. Errors must reach the poll, which fails and retries.
  const keyv = new Keyv({ store: adapter, useKeyPrefix: false, throwOnErrors: true });
  useFastJson(keyv);
  // Errors are also emitted as events; without a listener they would crash the process.
  keyv.on('error', () => {});
  const coordination = await coordinationFor(adapter);
  const kv = wrapKeyv(keyv, onCorrupt, coordination);
  // Fail now, with a clear message, rather than at the first poll: a read-only file or replica fails the write.
  await kv.set(PING_KEY, Date.now());
  await kv.get(PING_KEY);
  return kv;
}

/** Keyv's own format, written and read by plain JSON where that gives the same text (see keyv-json.ts). */
function useFastJson(keyv: Keyv): void {
  const { serialize, deserialize } = keyv;
  if (!serialize || !deserialize) return;
  const json = createKeyvJson({ serialize: (data) => serialize(data as never) as string, deserialize: (text) => deserialize(text) });
  keyv.serialize = (data) => json.serialize(data);
  keyv.deserialize = (text) => json.deserialize(text);
}

/** Whether several instances can share the store (Redis), and so must coordinate polls and sends. */
export function isSharedStoreUrl(url: string): boolean {
  return url.startsWith('redis://') || url.startsWith('rediss://');
}

function createAdapter(url: string): KeyvStoreAdapter {
  if (url.startsWith('sqlite://')) {
    const path = url.slice('sqlite://'.length);
    if (!path) throw new UserError(`store URL "${url}" has no file path`);
    if (path !== ':memory:') prepareSqlitePath(path);
    return new BatchingSqlite({ uri: `sqlite://${path}`, busyTimeout: SQLITE_BUSY_TIMEOUT_MS }) as unknown as KeyvStoreAdapter;
  }
  if (isSharedStoreUrl(url)) {
    // While Redis is unreachable, commands wait in the client's queue and run once it is back; an error
    // Redis answers with is thrown, not swallowed.
    // openStore bounds only the first connection: an unreachable address fails start-up instead of waiting
    // in silence; once connected, an outage queues commands as described above.
    const firstConnection = { made: false };
    const adapter = new KeyvRedis({ url, socket: { reconnectStrategy: reconnectUnlessNeverConnected(firstConnection) } }, { throwOnErrors: true });
    adapter.client.once('ready', () => (firstConnection.made = true));
    return adapter as unknown as KeyvStoreAdapter;
  }
  throw new UserError(`store URL "${url}" must start with sqlite:// or redis://`);
}

/**
 * The client's own back-off (100 ms doubling to 2 s), except that until a first connection is made it
 * gives up after STORE_CONNECT_TIMEOUT_MS: its connect() then fails, and start-up with it.
 */
function reconnectUnlessNeverConnected(firstConnection: { made: boolean }): (retries: number, cause: Error) => number | Error {
  const since = Date.now();
  return (retries, cause) => {
    if (!firstConnection.made && Date.now() - since >= STORE_CONNECT_TIMEOUT_MS) return cause;
    return Math.min(2 ** retries * 100, 2_000) + Math.floor(Math.random() * 100);
  };
}

type Native = Pick<KeyValue, 'withLock' | 'tryClaim' | 'index'>;

/**
 * Locks and claims: in-process for SQLite (one process owns the file), in Redis for a fleet. Sorted
 * indexes: a table of the SQLite file, sorted sets in Redis.
 */
async function coordinationFor(adapter: KeyvStoreAdapter): Promise<Native> {
  if (adapter instanceof BatchingSqlite) return { withLock: createInProcessLocks(), tryClaim: createInProcessClaims(), index: adapter.sortedIndex() };
  const client = (await (adapter as KeyvRedis<unknown>).getClient()) as unknown as LockClient & SortedIndexClient;
  return { withLock: createRedisLocks(client), tryClaim: createRedisClaims(client), index: createRedisIndex(client) };
}

function wrapKeyv(keyv: Keyv, onCorrupt: CorruptEntryReporter, coordination: Native): KeyValue {
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
    async setMany(entries) {
      // In slices: Keyv serialises a whole batch at once, and a first poll of hundreds of feeds marks
      // tens of thousands of keys seen.
      for (let start = 0; start < entries.length; start += SET_MANY_SLICE) {
        await keyv.setMany(entries.slice(start, start + SET_MANY_SLICE).map(({ key, value, ttlMs }) => ({ key, value, ttl: ttlMs })));
      }
    },
    async delete(key) {
      await keyv.delete(key);
    },
    ...coordination,
    close: () => keyv.disconnect(),
  };
}
