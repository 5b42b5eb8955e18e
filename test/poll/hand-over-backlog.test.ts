import type { FeedSource } from '../../src/feeds/feed-source';
import type { FetchOutcome } from '../../src/feeds/fetch-feed';
import { createHostLimiter } from '../../src/feeds/host-limiter';
import { parseFeed } from '../../src/feeds/parse-feed';
import { createHandOverBacklog } from '../../src/poll/hand-over-backlog';
import type { MatchedItem } from '../../src/poll/matched-item';
import { runPollCycle } from '../../src/poll/poll-cycle';
import { compileRuleSet } from '../../src/rules/compile-rule-set';
import { createSilentLogger } from '../../src/shared/logger';
import { createFeedStateStore } from '../../src/store/feed-state-store';
import { createSeenStore, type SeenStore } from '../../src/store/seen-store';
import { rss2 } from '../support/feed-builders';
import { createMemoryStore } from '../reliability/support/crash-store';

/** A promise with its resolve at hand, to hold a piece of work until the test lets it go. */
function latch(): { promise: Promise<void>; open(): void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Whether `promise` has settled once everything already queued has run (an admitted fetch goes on at once). */
async function hasSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

describe('hand-over backlog', () => {
  it('admits fetches while fewer feeds than the limit wait for their hand-over', async () => {
    const backlog = createHandOverBacklog(2);
    const first = latch();
    const held = backlog.hold(() => first.promise);
    expect(await hasSettled(backlog.admit())).toBe(true);
    first.open();
    await held;
  });

  it('holds a fetch back while the limit of feeds wait, and lets it go once one hand-over finishes', async () => {
    const backlog = createHandOverBacklog(2);
    const first = latch();
    const second = latch();
    const handOvers = [backlog.hold(() => first.promise), backlog.hold(() => second.promise)];
    const admitted = backlog.admit();
    expect(await hasSettled(admitted)).toBe(false);
    first.open();
    expect(await hasSettled(admitted)).toBe(true);
    second.open();
    await Promise.all(handOvers);
  });

  it('counts a hand-over that failed as finished, and passes its error on', async () => {
    const backlog = createHandOverBacklog(1);
    const failing = latch();
    const handOver = backlog.hold(async () => {
      await failing.promise;
      throw new Error('store down');
    });
    const admitted = backlog.admit();
    expect(await hasSettled(admitted)).toBe(false);
    failing.open();
    await expect(handOver).rejects.toThrow('store down');
    expect(await hasSettled(admitted)).toBe(true);
  });

  it('lets a held fetch go when the cycle is aborted, so that shutdown does not wait for the store', async () => {
    const backlog = createHandOverBacklog(1);
    const stuck = latch();
    const handOver = backlog.hold(() => stuck.promise);
    const stop = new AbortController();
    const admitted = backlog.admit(stop.signal);
    expect(await hasSettled(admitted)).toBe(false);
    stop.abort();
    expect(await hasSettled(admitted)).toBe(true);
    stuck.open();
    await handOver;
  });
});

describe('a poll cycle whose hand-over is slow', () => {
  const NOW = new Date('2026-12-03T12:00:00Z');
  const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toUTCString();
  const feeds: FeedSource[] = ['a', 'b', 'c'].map((id) => ({ id, name: `Wire ${id}`, url: `https://${id}.example/feed` }));
  const textOf = (url: string) => {
    const id = new URL(url).hostname.split('.')[0]!;
    return rss2({ title: id, items: [{ title: `Dysprosium output rises at mine ${id}`, link: `https://news.example/${id}`, guid: `${id}-1`, pubDate: ago(10) }] });
  };

  it('starts no more fetches while the backlog is full, and still hands every feed over once when the store catches up', async () => {
    const kv = createMemoryStore();
    // Not a first poll: each feed's one item is new and alerted.
    await createFeedStateStore(kv).setMany(feeds.map((feed) => ({ feedId: feed.id, state: { consecutiveFailures: 0, firstPolledAt: ago(600), lastAttemptAt: ago(5) } })));
    const fetched: string[] = [];
    const handingOver = latch();
    const fetchFeed = async ({ url }: { url: string }): Promise<FetchOutcome> => {
      fetched.push(url);
      // b answers once a is in its hand-over: the backlog is full by the time b's fetch slot is free.
      if (url === 'https://b.example/feed') await handingOver.promise;
      return { kind: 'fetched', text: textOf(url), validators: {}, finalUrl: url, status: 200, charset: 'utf-8' };
    };
    const slowStore = latch();
    const delivered: MatchedItem[] = [];
    const sink = {
      async deliver(items: readonly MatchedItem[]) {
        handingOver.open();
        await slowStore.promise;
        delivered.push(...items);
      },
    };
    const lookups = latch();
    const seen = lookupsCounted(createSeenStore(kv), 2, lookups.open);
    const cycle = runPollCycle(
      {
        getFeeds: async () => feeds,
        getRuleSet: async () => compileRuleSet([{ id: 'heavy/1', topicId: 'heavy', expression: 'dysprosium' }]),
        feedStates: createFeedStateStore(kv),
        seen,
        sink,
        feedPoll: { fetchFeed, parseFeed, fetchOptions: { timeoutMs: 1000, maxBodyBytes: 1_000_000, maxRedirects: 0 }, resolveUserAgent: () => undefined },
        hostLimiter: createHostLimiter(1),
        limits: { maxItemAgeHours: 48, firstPollMaxItems: 5, feedConcurrency: 1, seenTtlDays: 30, handOverBacklogFeeds: 1 },
        logger: createSilentLogger(),
      },
      NOW,
    );
    // Feed a waits in its hand-over; b's fetch had started before (a fetch in flight may overshoot) and b
    // has looked up its items since. Without the backlog, c would have been fetched as soon as b was.
    await lookups.promise;
    expect(fetched).toEqual(['https://a.example/feed', 'https://b.example/feed']);
    slowStore.open();
    await cycle;
    expect(fetched).toHaveLength(3);
    expect(delivered.map((m) => m.item.id).sort()).toEqual(['a-1', 'b-1', 'c-1']);
  });
});

/** The seen store, telling once `count` lookups were made. */
function lookupsCounted(seen: SeenStore, count: number, reached: () => void): SeenStore {
  let made = 0;
  return {
    ...seen,
    lookup: (keyLists) => {
      if (++made === count) reached();
      return seen.lookup(keyLists);
    },
  };
}
