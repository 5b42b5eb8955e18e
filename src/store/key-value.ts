import type { Claim } from './claims';
import type { SortedIndex } from './sorted-index';

/**
 * The one storage primitive the repositories use: string keys, JSON values, optional expiry.
 * Keeping repositories on this small port (rather than on Keyv) lets tests and a future engine swap it.
 */
export interface KeyValue {
  get<T>(key: string): Promise<T | undefined>;
  getMany<T>(keys: string[]): Promise<(T | undefined)[]>;
  set(key: string, value: unknown, ttlMs?: number): Promise<void>;
  /**
   * Writes the entries in slices of up to 2,000, each one transaction on SQLite and one MULTI on Redis.
   * A larger batch is not atomic as a whole; no caller relies on it being so.
   */
  setMany(entries: readonly KeyValueEntry[]): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Runs `fn` holding a named lock, for read-modify-writes of one document. On SQLite the lock is
   * in-process (one process owns the file); on Redis it also excludes other instances.
   */
  withLock<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /**
   * Claims a piece of work for `ttlMs` without waiting (undefined when another holder has it); the claim
   * expires by itself if its holder dies. In-process on SQLite, fleet-wide on Redis.
   */
  tryClaim(name: string, ttlMs: number): Promise<Claim | undefined>;
  /** Ordered sets for indexes that change one member at a time (the outbox's), natively per engine. */
  readonly index: SortedIndex;
  close(): Promise<void>;
}

export interface KeyValueEntry {
  key: string;
  value: unknown;
  ttlMs?: number;
}

/** Told about entries that exist but cannot be read (corrupted JSON, wrong shape); they count as absent. */
export type CorruptEntryReporter = (key: string, problem: string) => void;
