import pLimit from 'p-limit';
import type { FeedSource } from '../feeds/feed-source';
import type { HostLimiter } from '../feeds/host-limiter';
import type { CompiledRuleSet } from '../rules/compile-rule-set';
import type { FeedState, FeedStateStore } from '../store/feed-state-store';
import type { SeenStore } from '../store/seen-store';
import type { Logger } from '../shared/logger';
import type { DedupeKey } from './dedupe-keys';
import { describeCycle } from './describe-cycle';
import { isFeedDue } from './is-feed-due';
import type { AlertSink, MatchedItem } from './matched-item';
import type { FeedPollDeps, FeedPollResult } from './poll-feed';
import type { RecentItems } from './recent-items';
import { sortOldestFirst, type FirstPollLimits } from './select-new-items';
import { pollAndSift, type Candidate, type PolledFeed } from './sift-feed';
import type { StoryTracker } from './track-stories';

export interface PollCycleDeps {
  getFeeds(): Promise<readonly FeedSource[]>;
  getRuleSet(): Promise<CompiledRuleSet>;
  feedStates: FeedStateStore;
  seen: SeenStore;
  sink: AlertSink;
  feedPoll: FeedPollDeps;
  hostLimiter: HostLimiter;
  limits: FirstPollLimits & { feedConcurrency: number; seenTtlDays: number };
  logger: Logger;
  /** Items each feed served last time, all seen already; absent, every item is looked up in `seen`. */
  recentItems?: RecentItems;
  /** Recognises rewrites of a story already told (another outlet, another headline); absent, none are. */
  stories?: StoryTracker;
  /** Told as each due feed finishes (progress on a terminal). */
  onFeedPolled?(feedId: string, dueCount: number): void;
  /** `once`: poll every feed now, whatever its interval or back-off, and leave reporting to the caller. */
  pollEveryFeed?: boolean;
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
  /** Shutdown interrupted the cycle: nothing was delivered or remembered, the next start polls again. */
  cancelled?: true;
}

/**
 * One poll: due feeds → fetch and parse → drop seen items → match → recognise stories → deliver → remember.
 * Invariants: a feed's backlog is never alerted on its first poll; an item is marked seen only after the
 * sink accepted it; feed state (validators, first-poll mark) is saved only after that, so a crash repeats
 * the poll instead of losing items. A cycle cut short by shutdown keeps nothing: aborted fetches are not
 * feed failures, and whatever was fetched is fetched again next time.
 */
export async function runPollCycle(deps: PollCycleDeps, now: Date, signal?: AbortSignal): Promise<CycleReport> {
  const started = Date.now();
  const feeds = await deps.getFeeds();
  const states = await deps.feedStates.getMany(feeds.map((f) => f.id));
  const due = deps.pollEveryFeed ? feeds : feeds.filter((feed) => isFeedDue(feed, states.get(feed.id), now));
  const polled = await fetchAll(deps, due, states, now, signal);
  const results = polled.map((p) => p.result);
  const skipped = countSkipped(feeds, due, states, now);
  if (signal?.aborted) return { ...summarise(polled, now, started, 0, 0, skipped), cancelled: true };

  const { fresh, seeded } = claimStories(polled);
  const ruleSet = await deps.getRuleSet();
  const matched: MatchedItem[] = [];
  for (const candidate of fresh) {
    const matches = ruleSet.match(candidate.item);
    if (matches.length > 0) matched.push({ item: candidate.item, matches });
  }
  const told = deps.stories ? await deps.stories.assign(sortOldestFirst(matched), now) : sortOldestFirst(matched);
  await deps.sink.deliver(told);
  await deps.stories?.remember(told);
  await deps.seen.markSeen([...fresh.flatMap((c) => c.keys), ...seeded.flat()]);
  await deps.feedStates.setMany(results.map((r) => ({ feedId: r.feed.id, state: r.state })));
  rememberFetched(deps.recentItems, feeds, polled);

  const report = summarise(polled, now, started, fresh.length + seeded.length, matched.length, skipped);
  if (deps.pollEveryFeed) return report;
  // JSON logs carry the whole report; a terminal shows the one readable line in `summary`.
  deps.logger.info({ cycle: { ...report, failures: report.failures.length }, summary: describeCycle(report) }, 'poll cycle finished');
  for (const result of results) logFailure(deps.logger, result, states.get(result.feed.id));
  return report;
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

function fetchAll(
  deps: PollCycleDeps,
  due: readonly FeedSource[],
  states: Map<string, FeedState>,
  now: Date,
  signal?: AbortSignal,
): Promise<PolledFeed[]> {
  const limit = pLimit(deps.limits.feedConcurrency);
  return Promise.all(
    due.map((feed) =>
      limit(async () => {
        const polled = await pollAndSift(deps, feed, states.get(feed.id), now, signal);
        deps.onFeedPolled?.(feed.id, due.length);
        return polled;
      }),
    ),
  );
}

function rememberFetched(recent: RecentItems | undefined, feeds: readonly FeedSource[], polled: readonly PolledFeed[]): void {
  if (!recent) return;
  for (const { result, remembered } of polled) if (result.status === 'ok') recent.remember(result.feed.id, remembered);
  recent.keepOnly(new Set(feeds.map((f) => f.id)));
}

/** One candidate per story even when several feeds carry it in this poll (the first feed, in config order, wins). */
function claimStories(polled: readonly PolledFeed[]): { fresh: Candidate[]; seeded: DedupeKey[][] } {
  const claimed = new Set<string>();
  const claim = (keys: readonly DedupeKey[]) => {
    if (keys.some((k) => claimed.has(k.key))) return false;
    keys.forEach((k) => claimed.add(k.key));
    return true;
  };
  return {
    fresh: polled.flatMap((p) => p.candidates.filter((c) => claim(c.keys))),
    seeded: polled.flatMap((p) => p.seeded.filter((keys) => claim(keys))),
  };
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
