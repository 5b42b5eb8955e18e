import type { FeedSource } from '../feeds/feed-source';
import type { NewsItem } from '../feeds/news-item';
import type { HostLimiter } from '../feeds/host-limiter';
import type { CompiledRuleSet } from '../rules/compile-rule-set';
import type { FeedState, FeedStateStore } from '../store/feed-state-store';
import type { SeenItemsStore } from '../store/seen-items-store';
import type { SeenEntry, SeenStore } from '../store/seen-store';
import type { Logger } from '../shared/logger';
import type { StoryKey } from '../stories/story-keys';
import { createCycleFetcher } from './cycle-fetcher';
import { createHandOverBacklog } from './hand-over-backlog';
import { coalesceCalls } from '../shared/coalesce-calls';
import { describeCycle } from './describe-cycle';
import { isFeedDue } from './is-feed-due';
import { noteSeenItems } from './note-seen-items';
import type { AlertSink, MatchedItem } from './matched-item';
import type { FeedPollDeps, FeedPollResult } from './poll-feed';
import type { CompletedPoll, RecentItems } from './recent-items';
import { sortOldestFirst, type FirstPollLimits } from './select-new-items';
import { createStoryClaims } from './claim-stories';
import { pollAndSift, type PolledFeed } from './sift-feed';
import type { StoryTracker } from './track-stories';

export interface PollCycleDeps {
  getFeeds(): Promise<readonly FeedSource[]>;
  getRuleSet(): Promise<CompiledRuleSet>;
  feedStates: FeedStateStore;
  seen: SeenStore;
  sink: AlertSink;
  feedPoll: FeedPollDeps;
  hostLimiter: HostLimiter;
  /** `handOverBacklogFeeds`: see HAND_OVER_BACKLOG_FEEDS, its default. */
  limits: FirstPollLimits & { feedConcurrency: number; seenTtlDays: number; handOverBacklogFeeds?: number };
  logger: Logger;
  /** Items each feed served last time, all seen already; absent, every item is looked up in `seen`. */
  recentItems?: RecentItems;
  /** Recognises rewrites of a story already told (another outlet, another headline); absent, none are. */
  stories?: StoryTracker;
  /** Told as each due feed finishes (progress on a terminal). */
  onFeedPolled?(feedId: string, dueCount: number): void;
  /** `once`: poll every feed now, whatever its interval or back-off, and leave reporting to the caller. */
  pollEveryFeed?: boolean;
  /** Remembers the new items of the last two days, matched or not, for /explain; absent, none are. */
  seenItems?: SeenItemsStore;
}

export interface CycleReport {
  startedAt: string;
  durationMs: number;
  /**
   * `backingOff`: failing feeds skipped this tick because their next attempt is not due yet;
   * `notDue`: feeds skipped because their own interval has not passed.
   */
  feeds: { due: number; ok: number; notModified: number; failed: number; backingOff?: number; notDue?: number };
  failures: { feedId: string; reason: string }[];
  items: number;
  newItems: number;
  matched: number;
  /** Shutdown interrupted the cycle: feeds not finished were neither delivered nor remembered; the next start polls them again. */
  cancelled?: true;
}

/**
 * One poll: due feeds → fetch and parse → drop seen items → match → recognise stories → deliver → remember,
 * feed by feed: each feed's alerts go to the sink as soon as that feed is done, so a slow publisher delays only its own.
 * Invariants: a feed's backlog is never alerted on its first poll; an item is marked seen only after the
 * sink accepted it; feed state (validators, first-poll mark) is saved only after that (at the end of the
 * cycle), so a crash repeats the poll instead of losing items. Within a feed alerts go oldest first; across
 * feeds, in the order the feeds answered. A cycle cut short by shutdown keeps what finished before it:
 * aborted fetches are not feed failures, and what was not finished is fetched again next time.
 */
export async function runPollCycle(deps: PollCycleDeps, now: Date, signal?: AbortSignal): Promise<CycleReport> {
  const started = Date.now();
  const feeds = await deps.getFeeds();
  const states = await deps.feedStates.getMany(feeds.map((f) => f.id));
  const due = deps.pollEveryFeed ? feeds : feeds.filter((feed) => isFeedDue(feed, states.get(feed.id), now));
  const ruleSet = await deps.getRuleSet();
  const settled = await Promise.allSettled(pollEach(deps, due, states, ruleSet, now, signal));
  const done = settled.flatMap((s) => (s.status === 'fulfilled' && s.value ? [s.value] : []));
  const polled = done.map((d) => d.polled);
  // States only of feeds whose items were handed over (and marked seen): the others are polled again.
  await deps.feedStates.setMany(polled.map(({ result }) => ({ feedId: result.feed.id, state: result.state })));
  await rememberFetched(deps, feeds, polled, states, now);
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) throw failure.reason;
  const newItems = done.reduce((sum, d) => sum + d.newItems, 0);
  const matched = done.reduce((sum, d) => sum + d.matched, 0);
  const report = summarise(polled, now, started, newItems, matched, countSkipped(feeds, due, states, now));
  if (signal?.aborted) return { ...report, cancelled: true };
  if (deps.pollEveryFeed) return report;
  // JSON logs carry the whole report; a terminal shows the one readable line in `summary`.
  deps.logger.info({ cycle: { ...report, failures: report.failures.length }, summary: describeCycle(report) }, 'poll cycle finished');
  for (const { result } of polled) logFailure(deps.logger, result, states.get(result.feed.id));
  return report;
}

/**
 * Feeds that may wait for their hand-over before fetching pauses (hand-over-backlog.ts). A first poll's
 * hand-overs on SQLite take ~200 feeds each, so this bounds mostly a slower store (Redis). A first poll's
 * waiting feed holds ~50 KB of heap.
 */
const HAND_OVER_BACKLOG_FEEDS = 256;

interface FeedDone {
  polled: PolledFeed;
  newItems: number;
  matched: number;
}

/** Starts every due feed at once: the fetch slots (host first, then global) are taken inside the fetch. */
function pollEach(
  deps: PollCycleDeps,
  due: readonly FeedSource[],
  states: Map<string, FeedState>,
  ruleSet: CompiledRuleSet,
  now: Date,
  signal?: AbortSignal,
): Promise<FeedDone | undefined>[] {
  const backlog = createHandOverBacklog(deps.limits.handOverBacklogFeeds ?? HAND_OVER_BACKLOG_FEEDS);
  const fetchFeed = createCycleFetcher({
    fetchFeed: deps.feedPoll.fetchFeed,
    admit: backlog.admit,
    hostLimiter: deps.hostLimiter,
    feedConcurrency: deps.limits.feedConcurrency,
    due: due.map((feed) => ({
      feed,
      state: states.get(feed.id),
      userAgent: deps.feedPoll.resolveUserAgent(feed.userAgent),
      guarded: feed.guildId !== undefined && deps.feedPoll.checkGuildFeedUrl !== undefined,
    })),
  });
  const siftDeps = { ...deps, feedPoll: { ...deps.feedPoll, fetchFeed } };
  const claims = createStoryClaims();
  const handOver = createHandOver(deps, now);
  return due.map(async (feed) => {
    const polled = await pollAndSift(siftDeps, feed, states.get(feed.id), now, signal);
    deps.onFeedPolled?.(feed.id, due.length);
    if (signal?.aborted) return undefined;
    const fresh = polled.candidates.flatMap((c) => claims.claim(c) ?? []);
    const seeded = polled.seeded.filter((keys) => claims.claimSeeded(keys));
    const matched: ToldCandidate[] = [];
    for (const candidate of fresh) {
      const matches = ruleSet.match(candidate.item);
      if (matches.length === 0) continue;
      matched.push({ matched: { item: candidate.item, matches, ...(candidate.echo ? { echo: candidate.echo } : {}) }, keys: candidate.keys });
      claims.told(candidate);
    }
    const isMatched = new Set(matched.map((m) => m.matched.item));
    const unmatched = fresh.filter((c) => !isMatched.has(c.item));
    // Most feeds bring nothing new (a 304, or only items known): nothing to deliver, mark or remember.
    if (fresh.length > 0 || seeded.length > 0) {
      await backlog.hold(() => handOver([{ matched, seen: [...unmatched.flatMap((c) => c.keys), ...seeded.flat()], items: fresh.map((c) => c.item) }]));
    }
    // Handed over: only its state and memory wait for the cycle's end, not its items (10,000 feeds' worth).
    return { polled: { ...polled, candidates: [], seeded: [] }, newItems: fresh.length + seeded.length, matched: matched.length };
  });
}

/** A matched item with the keys it is marked seen under once handed over. */
interface ToldCandidate {
  matched: MatchedItem;
  keys: StoryKey[];
}

interface HandOver {
  matched: ToldCandidate[];
  /** The keys of the items not matched (and of a first poll's backlog): marked seen plainly. */
  seen: StoryKey[];
  /** The feed's new items, matched or not, remembered for /explain. */
  items: NewsItem[];
}

/**
 * Hands feeds' items to the sink and marks them seen, one hand-over at a time (the story tracker's
 * assign → deliver → remember is one sequence). Feeds that finish while a hand-over is under way go
 * together in the next one: one store round trip for many feeds when they finish in a rush (a first
 * poll), none of the wait when a feed finishes alone.
 */
function createHandOver(deps: PollCycleDeps, now: Date): (batch: HandOver[]) => Promise<unknown[]> {
  return coalesceCalls(async (batch: HandOver[]) => {
    const candidates = batch.flatMap((b) => b.matched);
    const matched = sortOldestFirst(candidates.map((c) => c.matched));
    // Without stories there is nothing for an echo to join: it stays silent, as any seen item.
    const told = deps.stories ? await deps.stories.assign(matched, now) : matched.filter((m) => !m.echo);
    await deps.sink.deliver(told);
    await deps.stories?.remember(told);
    await deps.seen.markSeen([...batch.flatMap((b) => b.seen), ...originsOf(candidates, told, now)]);
    if (deps.seenItems) await noteSeenItems(deps.seenItems, batch.flatMap((b) => b.items), told, now, deps.logger);
    return batch.map(() => undefined);
  });
}

/** Feeds left out of this cycle: backing off after failures, or waiting for their own interval. */
function countSkipped(feeds: readonly FeedSource[], due: readonly FeedSource[], states: Map<string, FeedState>, now: Date): { backingOff: number; notDue: number } {
  const polled = new Set(due.map((f) => f.id));
  const skipped = feeds.filter((f) => !polled.has(f.id));
  const backingOff = skipped.filter((f) => Date.parse(states.get(f.id)?.nextAttemptAt ?? '') > now.getTime()).length;
  return { backingOff, notDue: skipped.length - backingOff };
}

function logFailure(logger: Logger, result: FeedPollResult, previous: FeedState | undefined): void {
  if (result.status !== 'failed') return;
  const { consecutiveFailures, nextAttemptAt, failingSince } = result.state;
  logger.warn({ feedId: result.feed.id, reason: result.reason, consecutiveFailures, nextAttemptAt }, 'feed failed');
  // Once per run of failures, even across restarts: the mark is saved with the feed's state.
  if (result.state.longFailureReportedAt && !previous?.longFailureReportedAt) {
    logger.warn({ feedId: result.feed.id, failingSince, reason: result.reason }, 'feed has been failing for over 24 hours');
  }
}

/**
 * After the seen marks (each feed's hand-over) and the states: a memory never names an item not marked seen.
 * Best effort: what could not be stored costs the next restart some parsing, never an alert.
 */
async function rememberFetched(deps: PollCycleDeps, feeds: readonly FeedSource[], polled: readonly PolledFeed[], states: Map<string, FeedState>, now: Date): Promise<void> {
  if (!deps.recentItems) return;
  const completed = polled.flatMap(({ result, remembered }): CompletedPoll[] => {
    if (result.status === 'ok') return [{ feedId: result.feed.id, items: remembered }];
    return result.status === 'not-modified' ? [{ feedId: result.feed.id, lastSuccessAt: states.get(result.feed.id)?.lastSuccessAt }] : [];
  });
  try {
    await deps.recentItems.remember(completed, now);
    await deps.recentItems.keepOnly(new Set(feeds.map((f) => f.id)));
  } catch (error: unknown) {
    deps.logger.warn({ err: error }, 'could not store what the polled feeds served');
  }
}

/**
 * The keys of matched items, each with the story it told: a later copy of the item from another feed
 * (same link or headline) joins that story instead of being dropped as seen. An item whose story was
 * not assigned (no tracker, or an echo with nothing to join) is marked seen plainly.
 */
function originsOf(candidates: readonly ToldCandidate[], told: readonly MatchedItem[], now: Date): SeenEntry[] {
  const storyOf = new Map(told.map((m) => [m.item, m.story?.id]));
  return candidates.flatMap(({ matched, keys }) => {
    const storyId = storyOf.get(matched.item);
    const origin = storyId === undefined ? undefined : { feedId: matched.item.feedId, storyId, at: now.getTime() };
    return keys.map((key) => (origin ? { ...key, origin } : key));
  });
}

function summarise(
  polled: readonly PolledFeed[],
  now: Date,
  started: number,
  newItems: number,
  matched: number,
  skipped: { backingOff: number; notDue: number },
): CycleReport {
  const results = polled.map((p) => p.result);
  const count = (status: FeedPollResult['status']) => results.filter((r) => r.status === status).length;
  return {
    startedAt: now.toISOString(),
    durationMs: Date.now() - started,
    feeds: { due: results.length, ok: count('ok'), notModified: count('not-modified'), failed: count('failed'), ...skipped },
    failures: results.flatMap((r) => (r.status === 'failed' ? [{ feedId: r.feed.id, reason: r.reason }] : [])),
    items: polled.reduce((sum, p) => sum + p.itemCount, 0),
    newItems,
    matched,
  };
}
