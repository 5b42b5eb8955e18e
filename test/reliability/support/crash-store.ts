import { createInProcessClaims } from '../../../src/store/claims';
import type { KeyValue } from '../../../src/store/key-value';
import { createInProcessLocks } from '../../../src/store/named-locks';
import type { SortedIndex } from '../../../src/store/sorted-index';

/** A process death for the store: thrown by the operation that would have run when the process died. */
export class SimulatedCrash extends Error {
  constructor() {
    super('simulated crash');
  }
}

/**
 * A durable store in memory: values are JSON round-tripped as a real store would, and survive any number
 * of "process lives" that wrap it. Expiry is ignored (tests run far inside every TTL).
 */
export function createMemoryStore(): KeyValue & { keys(): string[]; raw: Map<string, string> } {
  const raw = new Map<string, string>();
  const get = async <T>(key: string) => {
    const text = raw.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  };
  return {
    raw,
    keys: () => [...raw.keys()],
    get,
    getMany: <T>(keys: string[]) => Promise.all(keys.map((k) => get<T>(k))),
    async set(key, value) {
      raw.set(key, JSON.stringify(value));
    },
    async setMany(entries) {
      for (const { key, value } of entries) raw.set(key, JSON.stringify(value));
    },
    async delete(key) {
      raw.delete(key);
    },
    withLock: createInProcessLocks(),
    tryClaim: createInProcessClaims(),
    index: createMemoryIndex(),
    async close() {},
  };
}

/** Sorted sets in memory, ordered by score then member as Redis and SQLite order them. */
function createMemoryIndex(): SortedIndex {
  const sets = new Map<string, Map<string, number>>();
  const set = (name: string) => sets.get(name) ?? sets.set(name, new Map()).get(name)!;
  const ordered = (name: string) => [...set(name)].sort(([a, x], [b, y]) => x - y || (a < b ? -1 : a > b ? 1 : 0));
  return {
    async add(name, entries) {
      for (const { member, score } of entries) set(name).set(member, score);
    },
    async remove(name, members) {
      for (const member of members) set(name).delete(member);
    },
    async members(name) {
      return ordered(name).map(([member]) => member);
    },
    size: async (name) => set(name).size,
    range: async (name, min, max) => ordered(name).flatMap(([member, score]) => (score >= min && score <= max ? [member] : [])),
    count: async (name, min, max) => ordered(name).filter(([, score]) => score >= min && score <= max).length,
    async removeBelow(name, score) {
      for (const [member, at] of set(name)) if (at < score) set(name).delete(member);
    },
  };
}

export interface CrashSwitch {
  readonly dead: boolean;
  /** Writes performed in this life so far. */
  readonly writes: number;
  kill(): void;
}

/**
 * One process life over `durable`: the process dies just before its `crashAtWrite`-th write (never, when
 * undefined). From then on every store operation throws, as if the process were gone.
 */
export function createMortalStore(durable: KeyValue, crashAtWrite?: number): { kv: KeyValue; life: CrashSwitch } {
  let dead = false;
  let writes = 0;
  const life: CrashSwitch = {
    get dead() {
      return dead;
    },
    get writes() {
      return writes;
    },
    kill() {
      dead = true;
    },
  };
  const alive = () => {
    if (dead) throw new SimulatedCrash();
  };
  const write = () => {
    alive();
    if (crashAtWrite !== undefined && writes + 1 >= crashAtWrite) {
      dead = true;
      throw new SimulatedCrash();
    }
    writes += 1;
  };
  const kv: KeyValue = {
    async get(key) {
      alive();
      return durable.get(key);
    },
    async getMany(keys) {
      alive();
      return durable.getMany(keys);
    },
    async set(key, value, ttlMs) {
      write();
      await durable.set(key, value, ttlMs);
    },
    // One transaction (SQLite) or MULTI (Redis): the process dies before it or after it, never halfway.
    async setMany(entries) {
      write();
      await durable.setMany(entries);
    },
    async delete(key) {
      write();
      await durable.delete(key);
    },
    // A dead process holds no locks and takes no claims; the work under a lock still dies at its writes.
    withLock(name, fn) {
      alive();
      return durable.withLock(name, fn);
    },
    async tryClaim(name, ttlMs) {
      alive();
      return durable.tryClaim(name, ttlMs);
    },
    // Each index change is one ZADD/ZREM (Redis) or one statement (SQLite): a write of its own.
    index: {
      async add(name, entries) {
        write();
        await durable.index.add(name, entries);
      },
      async remove(name, members) {
        write();
        await durable.index.remove(name, members);
      },
      async members(name) {
        alive();
        return durable.index.members(name);
      },
      async size(name) {
        alive();
        return durable.index.size(name);
      },
      async range(name, min, max) {
        alive();
        return durable.index.range(name, min, max);
      },
      async count(name, min, max) {
        alive();
        return durable.index.count(name, min, max);
      },
      async removeBelow(name, score) {
        write();
        await durable.index.removeBelow(name, score);
      },
    },
    close: async () => {},
  };
  return { kv, life };
}
