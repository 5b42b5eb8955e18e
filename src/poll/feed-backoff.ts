/** How long a failing feed is left alone. Injected so tests need not wait real minutes. */
export interface FeedBackoff {
  /** Wait after the first failure; doubles with each further one. */
  baseMs: number;
  /** Longest wait from our own back-off. */
  maxMs: number;
  /** Longest wait a server's Retry-After can impose (a bogus "come back next year" must not kill a feed). */
  maxRetryAfterMs: number;
  /** 0 ≤ random() < 1, for jitter. */
  random(): number;
}

const MINUTE_MS = 60_000;

/** 1, 2, 4 … minutes up to an hour: on a 5-minute schedule the first two failures cost no tick. */
export const DEFAULT_FEED_BACKOFF: FeedBackoff = { baseMs: MINUTE_MS, maxMs: 60 * MINUTE_MS, maxRetryAfterMs: 6 * 60 * MINUTE_MS, random: Math.random };

/** A feed failing this long is flagged in `/status` and logged once. */
export const LONG_FAILURE_MS = 24 * 60 * MINUTE_MS;

/**
 * Delay before the next attempt after `failures` consecutive failures: exponential, with jitter in the
 * upper half (so feeds that failed together, e.g. one host down, do not all come back on the same tick),
 * and never sooner than the server's Retry-After.
 */
export function feedRetryDelayMs(failures: number, retryAfterMs: number | undefined, backoff: FeedBackoff): number {
  const exponential = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, failures - 1));
  const jittered = exponential / 2 + (exponential / 2) * backoff.random();
  return Math.max(jittered, Math.min(retryAfterMs ?? 0, backoff.maxRetryAfterMs));
}
