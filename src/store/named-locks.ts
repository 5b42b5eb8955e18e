import { randomUUID } from 'node:crypto';

/** Runs a function while holding a named lock. */
export type WithLock = <T>(name: string, fn: () => Promise<T>) => Promise<T>;

/** Callers in this process queue per name, so read-modify-writes of one document never interleave. */
export function createInProcessLocks(): WithLock {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const previous = tails.get(name) ?? Promise.resolve();
    const run = previous.catch(() => {}).then(fn);
    tails.set(name, run);
    void run
      .finally(() => {
        if (tails.get(name) === run) tails.delete(name);
      })
      .catch(() => {});
    return run;
  };
}

/** The few Redis commands a distributed lock needs (satisfied by @redis/client). */
export interface LockClient {
  set(key: string, value: string, options: { NX: true; PX: number }): Promise<string | null>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

const RELEASE_IF_OWNER = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const LOCK_TTL_MS = 15_000;
const WAIT_LIMIT_MS = 20_000;

/**
 * Several instances sharing one Redis: the lock is a key set with NX and an expiry (so a crashed holder
 * frees it), released only by its owner. In-process callers queue first, so one instance never races itself.
 */
export function createRedisLocks(client: LockClient, options: { prefix?: string; sleep?: (ms: number) => Promise<void> } = {}): WithLock {
  const local = createInProcessLocks();
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const prefix = options.prefix ?? 'radar:lock:';
  return <T>(name: string, fn: () => Promise<T>): Promise<T> =>
    local(name, async () => {
      const key = `${prefix}${name}`;
      const owner = randomUUID();
      const deadline = Date.now() + WAIT_LIMIT_MS;
      while ((await client.set(key, owner, { NX: true, PX: LOCK_TTL_MS })) !== 'OK') {
        if (Date.now() > deadline) throw new Error(`store lock "${name}" still held by another instance after ${WAIT_LIMIT_MS} ms`);
        await sleep(10 + Math.random() * 40);
      }
      try {
        return await fn();
      } finally {
        await client.eval(RELEASE_IF_OWNER, { keys: [key], arguments: [owner] }).catch(() => {});
      }
    });
}
