import { randomUUID } from 'node:crypto';
import type { LockClient } from './named-locks';

/** Exclusive, expiring ownership of a named piece of work (e.g. sending one channel's alerts). */
export interface Claim {
  /** Extends the claim by its time to live; false when it was lost (expired and taken, or released). */
  renew(): Promise<boolean>;
  release(): Promise<void>;
}

/** Claims `name` for `ttlMs` unless someone else holds it; never waits. */
export type TryClaim = (name: string, ttlMs: number) => Promise<Claim | undefined>;

/** One process owns the store (SQLite): claims are a map of expiry times, checked against `now`. */
export function createInProcessClaims(now: () => number = Date.now): TryClaim {
  const held = new Map<string, { owner: string; until: number }>();
  const owns = (name: string, owner: string) => {
    const entry = held.get(name);
    return entry !== undefined && entry.owner === owner && entry.until > now();
  };
  return async (name, ttlMs) => {
    const current = held.get(name);
    if (current && current.until > now()) return undefined;
    const owner = randomUUID();
    held.set(name, { owner, until: now() + ttlMs });
    return {
      async renew() {
        if (!owns(name, owner)) return false;
        held.set(name, { owner, until: now() + ttlMs });
        return true;
      },
      async release() {
        if (held.get(name)?.owner === owner) held.delete(name);
      },
    };
  };
}

const RENEW_IF_OWNER = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE_IF_OWNER = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * Several instances on one Redis: a claim is a key set with NX and an expiry, so an instance that dies
 * while holding it frees it by itself after `ttlMs`; renewal and release check the owner, so a claim that
 * expired and was taken by another instance is never extended or deleted by its former holder.
 */
export function createRedisClaims(client: LockClient, prefix = 'radar:claim:'): TryClaim {
  return async (name, ttlMs) => {
    const key = `${prefix}${name}`;
    const owner = randomUUID();
    if ((await client.set(key, owner, { NX: true, PX: ttlMs })) !== 'OK') return undefined;
    return {
      renew: async () => Number(await client.eval(RENEW_IF_OWNER, { keys: [key], arguments: [owner, String(ttlMs)] })) === 1,
      async release() {
        await client.eval(RELEASE_IF_OWNER, { keys: [key], arguments: [owner] }).catch(() => {});
      },
    };
  };
}
