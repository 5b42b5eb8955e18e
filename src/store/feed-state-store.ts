import type { CorruptEntryReporter, KeyValue } from './key-value';
import { checkShape, feedStateShape } from './stored-shapes';

/** What we remember about one feed between polls. */
export interface FeedState {
  etag?: string;
  lastModified?: string;
  /** ISO time of the first successful poll: before it, the feed's items are a backlog, not news. */
  firstPolledAt?: string;
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  consecutiveFailures: number;
  lastError?: string;
  /** ISO time of the first failure in the current run of failures. */
  failingSince?: string;
  /** ISO time before which a failing feed is not fetched again (back-off, or the server's Retry-After). */
  nextAttemptAt?: string;
  /** ISO time the current run of failures was reported as long (24 h), so it is logged once. */
  longFailureReportedAt?: string;
}

export interface FeedStateStore {
  get(feedId: string): Promise<FeedState | undefined>;
  getMany(feedIds: string[]): Promise<Map<string, FeedState>>;
  setMany(states: readonly { feedId: string; state: FeedState }[]): Promise<void>;
}

/** A state of the wrong shape counts as absent: the feed is then treated as new (its backlog seeded, not posted). */
export function createFeedStateStore(kv: KeyValue, onCorrupt: CorruptEntryReporter = () => {}): FeedStateStore {
  const storeKey = (feedId: string) => `feed-state:${feedId}`;
  const read = (feedId: string, value: unknown) => checkShape<FeedState>(feedStateShape, storeKey(feedId), value, onCorrupt);
  return {
    get: async (feedId) => read(feedId, await kv.get(storeKey(feedId))),
    async getMany(feedIds) {
      const values = await kv.getMany<unknown>(feedIds.map(storeKey));
      const states = new Map<string, FeedState>();
      feedIds.forEach((id, i) => {
        const state = read(id, values[i]);
        if (state) states.set(id, state);
      });
      return states;
    },
    setMany: (states) => kv.setMany(states.map(({ feedId, state }) => ({ key: storeKey(feedId), value: state }))),
  };
}
