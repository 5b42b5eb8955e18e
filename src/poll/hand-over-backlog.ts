/**
 * Back-pressure from the hand-over to the fetches. Hand-overs run one at a time (poll-cycle.ts), so when
 * the store is slower than the fetches (Redis, a round trip per step, in a first poll where every feed
 * brings ~30 new items to mark seen), parsed feeds pile up waiting for their turn, each holding its keys
 * and items: 1,800 feeds at once in a first poll of 2,000 on Redis, 60–80 MB more heap than on SQLite. Past `limit` feeds
 * waiting, no new fetch starts until a hand-over finishes. Feeds already fetched go on to their hand-over,
 * so the backlog may overshoot the limit by those between fetch and hand-over at that moment.
 */
export interface HandOverBacklog {
  /** Resolves once fewer than `limit` feeds wait for their hand-over, or the signal is aborted. */
  admit(signal?: AbortSignal): Promise<void>;
  /** Counts one feed's hand-over (`work`) in the backlog from now until it settles. */
  hold<T>(work: () => Promise<T>): Promise<T>;
}

export function createHandOverBacklog(limit: number): HandOverBacklog {
  let held = 0;
  let waiting: (() => void)[] = [];
  const wakeAll = () => {
    const woken = waiting;
    waiting = [];
    woken.forEach((wake) => wake());
  };
  const nextChange = (signal?: AbortSignal) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        signal?.removeEventListener('abort', wake);
        resolve();
      };
      waiting.push(wake);
      signal?.addEventListener('abort', wake, { once: true });
    });
  return {
    async admit(signal) {
      // Woken by any hand-over settling, or by the abort: the loop checks which.
      while (held >= limit && !signal?.aborted) await nextChange(signal);
    },
    async hold(work) {
      held++;
      try {
        return await work();
      } finally {
        held--;
        if (held < limit) wakeAll();
      }
    },
  };
}
