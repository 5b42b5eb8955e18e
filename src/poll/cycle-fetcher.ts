import type { FeedSource } from '../feeds/feed-source';
import type { FetchOptions, FetchOutcome, FetchRequest, HttpValidators } from '../feeds/fetch-feed';
import { createConcurrencyLimit, type HostLimiter } from '../feeds/host-limiter';
import type { FeedState } from '../store/feed-state-store';
import type { FeedPollDeps } from './poll-feed';

type FetchFn = FeedPollDeps['fetchFeed'];

/**
 * The fetch one cycle's feeds share. Slots are taken host first, then global: a feed waiting behind a
 * slow publisher holds no global slot, so feeds on other hosts keep moving. Feeds with the same URL
 * (several servers adding one feed) are fetched once and the answer is shared; each feed still parses,
 * sifts and remembers on its own. The shared request is conditional only when all of them would send the
 * same validators — otherwise one of them could get a 304 for a body it never saw.
 */
export function createCycleFetcher(options: {
  fetchFeed: FetchFn;
  hostLimiter: HostLimiter;
  feedConcurrency: number;
  /**
   * Waited for once a fetch holds its slots, before it starts (see hand-over-backlog.ts). It keeps its
   * slots while it waits, so the fetches behind it wait too: at most feedConcurrency wait at the gate.
   */
  admit?: (signal?: AbortSignal) => Promise<void>;
  /** The cycle's due feeds with their states, and what pollFeed will ask for each. */
  due: readonly { feed: FeedSource; state: FeedState | undefined; userAgent: string | undefined; guarded: boolean }[];
}): FetchFn {
  const global = createConcurrencyLimit(options.feedConcurrency);
  const agreed = agreedValidators(options.due);
  const inFlight = new Map<string, Promise<FetchOutcome>>();
  return (request: FetchRequest, fetchOptions: FetchOptions) => {
    const key = sharedFetchKey(request.url, request.userAgent, fetchOptions.checkUrl !== undefined);
    const shared = inFlight.get(key);
    if (shared) return shared;
    const validators = agreed.has(key) ? agreed.get(key) : request.validators;
    const fetching = options.hostLimiter.run(
      request.url,
      () =>
        global(async () => {
          await options.admit?.(request.signal);
          return options.fetchFeed({ ...request, validators }, fetchOptions);
        }),
      request.signal,
    );
    inFlight.set(key, fetching);
    // All of a cycle's feeds ask at once, so the answer need not be kept (its text can be large) once given.
    void fetching.finally(() => inFlight.delete(key)).catch(() => undefined);
    return fetching;
  };
}

/** Feeds that would send the same request: same normalised URL, User-Agent and address policy. */
export function sharedFetchKey(url: string, userAgent: string | undefined, guarded: boolean): string {
  return JSON.stringify([normaliseUrl(url), userAgent ?? '', guarded]);
}

function agreedValidators(due: readonly { feed: FeedSource; state: FeedState | undefined; userAgent: string | undefined; guarded: boolean }[]): Map<string, HttpValidators | undefined> {
  const groups = new Map<string, (HttpValidators | undefined)[]>();
  for (const { feed, state, userAgent, guarded } of due) {
    const key = sharedFetchKey(feed.url, userAgent, guarded);
    groups.set(key, [...(groups.get(key) ?? []), { etag: state?.etag, lastModified: state?.lastModified }]);
  }
  const agreed = new Map<string, HttpValidators | undefined>();
  for (const [key, all] of groups) {
    if (all.length < 2) continue;
    const same = all.every((v) => v?.etag === all[0]?.etag && v?.lastModified === all[0]?.lastModified);
    agreed.set(key, same ? all[0] : undefined);
  }
  return agreed;
}

/** Scheme and host case, default ports and the fragment do not change what a server answers. */
function normaliseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    return parsed.href;
  } catch {
    return url;
  }
}
