import type { CorruptEntryReporter, KeyValue } from './key-value';

const BYTES_PER_NUMBER = 8;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Each feed's memory of its last completed poll (poll/recent-items.ts: hashes, a few numbers an item),
 * kept in the store so that a restarted process, or another instance of a fleet, knows it too.
 */
export interface FeedMemoryStore {
  /** Each feed's numbers, in order; absent when none are stored, or when they cannot be trusted. */
  getMany(feedIds: readonly string[]): Promise<(Float64Array | undefined)[]>;
  setMany(entries: readonly { feedId: string; numbers: Float64Array }[]): Promise<void>;
  delete(feedId: string): Promise<void>;
}

export interface FeedMemoryFormat {
  /** Names what the numbers mean; the writer changes it whenever that changes, and other tags read as absent. */
  tag: string;
  /** Numbers a record: a stored value must hold whole records. */
  recordLength: number;
  /** Entries expire unless rewritten: a feed no instance polls any more forgets them. */
  ttlMs: number;
}

/**
 * Stored compact, as `<tag>:<base64 of the numbers as little-endian doubles>` (about 1.5 KB for a feed of
 * 35 items, where JSON numbers would take three times that). Only a value of exactly that form is given
 * back: every number a non-negative safe integer (a hash) or NaN (none). A value with another tag was
 * written by a version whose hashes meant something else and is silently absent; anything else is
 * reported as corrupt and absent too. Absent costs only work: the feed is parsed and looked up whole.
 */
export function createFeedMemoryStore(kv: KeyValue, format: FeedMemoryFormat, onCorrupt: CorruptEntryReporter = () => {}): FeedMemoryStore {
  const storeKey = (feedId: string) => `feed-memory:${feedId}`;
  const prefix = `${format.tag}:`;
  const read = (feedId: string, value: unknown): Float64Array | undefined => {
    if (value === undefined) return undefined;
    if (typeof value === 'string' && !value.startsWith(prefix) && /^[^:]*:/.test(value)) return undefined;
    const numbers = typeof value === 'string' ? decode(value.slice(prefix.length), format.recordLength) : undefined;
    if (!numbers) onCorrupt(storeKey(feedId), 'not a feed memory of this version');
    return numbers;
  };
  return {
    async getMany(feedIds) {
      const values = await kv.getMany<unknown>(feedIds.map(storeKey));
      return feedIds.map((feedId, i) => read(feedId, values[i]));
    },
    setMany: (entries) => kv.setMany(entries.map(({ feedId, numbers }) => ({ key: storeKey(feedId), value: prefix + encode(numbers), ttlMs: format.ttlMs }))),
    delete: (feedId) => kv.delete(storeKey(feedId)),
  };
}

function encode(numbers: Float64Array): string {
  const bytes = Buffer.alloc(numbers.length * BYTES_PER_NUMBER);
  numbers.forEach((n, i) => bytes.writeDoubleLE(n, i * BYTES_PER_NUMBER));
  return bytes.toString('base64');
}

function decode(text: string, recordLength: number): Float64Array | undefined {
  if (!BASE64.test(text) || text.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % (recordLength * BYTES_PER_NUMBER) !== 0) return undefined;
  const numbers = new Float64Array(bytes.length / BYTES_PER_NUMBER);
  for (let i = 0; i < numbers.length; i++) {
    const n = bytes.readDoubleLE(i * BYTES_PER_NUMBER);
    if (!Number.isNaN(n) && !(Number.isSafeInteger(n) && n >= 0)) return undefined;
    numbers[i] = n;
  }
  return numbers;
}
