import type { KeyValue } from './key-value';

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
}

export interface FeedStateStore {
  get(feedId: string): Promise<FeedState | undefined>;
  getMany(feedIds: string[]): Promise<Map<string, FeedState>>;
  set(feedId: string, state: FeedState): Promise<void>;
}

export function createFeedStateStore(kv: KeyValue): FeedStateStore {
  const storeKey = (feedId: string) => `feed-state:${feedId}`;
  return {
    get: (feedId) => kv.get<FeedState>(storeKey(feedId)),
    async getMany(feedIds) {
      const values = await kv.getMany<FeedState>(feedIds.map(storeKey));
      const states = new Map<string, FeedState>();
      feedIds.forEach((id, i) => {
        const state = values[i];
        if (state) states.set(id, state);
      });
      return states;
    },
    set: (feedId, state) => kv.set(storeKey(feedId), state),
  };
}
