/**
 * The one storage primitive the repositories use: string keys, JSON values, optional expiry.
 * Keeping repositories on this small port (rather than on Keyv) lets tests and a future engine swap it.
 */
export interface KeyValue {
  get<T>(key: string): Promise<T | undefined>;
  getMany<T>(keys: string[]): Promise<(T | undefined)[]>;
  set(key: string, value: unknown, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}

/** Told about entries that exist but cannot be read (corrupted JSON, wrong shape); they count as absent. */
export type CorruptEntryReporter = (key: string, problem: string) => void;
