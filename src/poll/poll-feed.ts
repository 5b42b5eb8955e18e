import type { FeedSource } from '../feeds/feed-source';
import type { FetchOptions, FetchOutcome, FetchRequest } from '../feeds/fetch-feed';
import type { NewsItem } from '../feeds/news-item';
import type { ParseOutcome } from '../feeds/parse-feed';
import type { FeedState } from '../store/feed-state-store';
import { DEFAULT_FEED_BACKOFF, feedRetryDelayMs, LONG_FAILURE_MS, type FeedBackoff } from './feed-backoff';
import { publicFailureReason } from '../feeds/public-failure-reason';
import { errorMessage } from '../shared/errors';

export type FeedPollResult =
  | { feed: FeedSource; status: 'ok'; items: NewsItem[]; state: FeedState }
  | { feed: FeedSource; status: 'not-modified'; items: []; state: FeedState }
  | { feed: FeedSource; status: 'failed'; items: []; state: FeedState; reason: string };

export interface FeedPollDeps {
  fetchFeed(request: FetchRequest, options: FetchOptions): Promise<FetchOutcome>;
  parseFeed(text: string, feed: FeedSource, now: Date): Promise<ParseOutcome>;
  fetchOptions: FetchOptions;
  /** Maps a feed's configured agent (`browser`, `bot` or a literal string) to the header value. */
  resolveUserAgent(configured: string | undefined): string | undefined;
  /**
   * Checks every URL a server-added feed leads to, redirects included; returns why it is refused.
   * Absent when the operator allows private addresses.
   */
  checkGuildFeedUrl?(url: string): Promise<string | undefined>;
  /** With `checkGuildFeedUrl`: the connection pool that refuses forbidden addresses when it connects. */
  guildDispatcher?: FetchOptions['dispatcher'];
  backoff?: FeedBackoff;
}

/**
 * Fetches and parses one feed, and computes the state to remember — but does not save it:
 * the cycle saves states only after the items are delivered, so a crash re-reads them.
 * Never throws: every failure becomes a `failed` result with a one-line reason.
 */
export async function pollFeed(
  feed: FeedSource,
  previous: FeedState | undefined,
  deps: FeedPollDeps,
  now: Date,
  signal?: AbortSignal,
): Promise<FeedPollResult> {
  const attempted: FeedState = { consecutiveFailures: 0, ...previous, lastAttemptAt: now.toISOString() };
  try {
    const fetched = await deps.fetchFeed(
      {
        url: feed.url,
        validators: { etag: previous?.etag, lastModified: previous?.lastModified },
        userAgent: deps.resolveUserAgent(feed.userAgent),
        signal,
      },
      feed.guildId && deps.checkGuildFeedUrl
        ? { ...deps.fetchOptions, checkUrl: deps.checkGuildFeedUrl, dispatcher: deps.guildDispatcher }
        : deps.fetchOptions,
    );
    if (fetched.kind === 'not-modified') {
      return { feed, status: 'not-modified', items: [], state: succeeded(attempted, now, false) };
    }
    if (fetched.kind === 'failed') {
      const why = { reason: fetched.reason, shown: publicFailureReason(fetched.failure, fetched.status) };
      return failed(feed, attempted, why, now, deps, fetched.retryAfterMs);
    }
    const parsed = await deps.parseFeed(fetched.text, feed, now);
    if (parsed.kind === 'failed') return failed(feed, attempted, { reason: parsed.reason, shown: publicFailureReason('parse') }, now, deps);
    // Validators are kept only once the body parsed: after a bad body the next request must be unconditional.
    const state = { ...succeeded(attempted, now, parsed.items.length > 0), etag: fetched.validators.etag, lastModified: fetched.validators.lastModified };
    return { feed, status: 'ok', items: parsed.items, state };
  } catch (error: unknown) {
    const reason = errorMessage(error);
    return failed(feed, attempted, { reason: `unexpected error: ${reason.split('\n')[0]}`, shown: publicFailureReason('unexpected') }, now, deps);
  }
}

/**
 * `firstPolledAt` is set by the first poll that returned items: a feed that was empty when added (a query
 * with no matches yet, a publisher's glitch) would otherwise pour its whole backlog out when it fills.
 */
function succeeded(state: FeedState, now: Date, hadItems: boolean): FeedState {
  return {
    ...state,
    lastSuccessAt: now.toISOString(),
    firstPolledAt: state.firstPolledAt ?? (hadItems ? now.toISOString() : undefined),
    consecutiveFailures: 0,
    lastError: undefined,
    failingSince: undefined,
    nextAttemptAt: undefined,
    longFailureReportedAt: undefined,
  };
}

/**
 * A failure backs the feed off (honouring Retry-After) and, after 24 h of failures, is marked for one report.
 * `reason` is for the operator's log; a server's feed remembers only `shown`, since `lastError` is what its
 * members see in `/feeds list` and `/status` (operator-configured feeds keep the detail there).
 */
function failed(feed: FeedSource, state: FeedState, why: { reason: string; shown: string }, now: Date, deps: FeedPollDeps, retryAfterMs?: number): FeedPollResult {
  const { reason } = why;
  const failures = state.consecutiveFailures + 1;
  const failingSince = state.failingSince ?? now.toISOString();
  const delayMs = feedRetryDelayMs(failures, retryAfterMs, deps.backoff ?? DEFAULT_FEED_BACKOFF);
  const isLong = now.getTime() - Date.parse(failingSince) >= LONG_FAILURE_MS;
  return {
    feed,
    status: 'failed',
    items: [],
    reason,
    state: {
      ...state,
      consecutiveFailures: failures,
      lastError: feed.guildId ? why.shown : reason,
      failingSince,
      nextAttemptAt: new Date(now.getTime() + delayMs).toISOString(),
      longFailureReportedAt: state.longFailureReportedAt ?? (isLong ? now.toISOString() : undefined),
    },
  };
}
