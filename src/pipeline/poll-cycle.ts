import pLimit from 'p-limit';
import type { FeedSource } from '../feeds/feed-source';
import type { HostLimiter } from '../feeds/host-limiter';
import type { NewsItem } from '../feeds/news-item';
import type { CompiledRuleSet } from '../rules/compile-rule-set';
import type { FeedState, FeedStateStore } from '../store/feed-state-store';
import type { SeenStore } from '../store/seen-store';
import type { Logger } from '../shared/logger';
import { dedupeKeys, type DedupeKey } from './dedupe-keys';
import { distrustDuplicateIds } from './distrust-duplicate-ids';
import { isFeedDue } from './is-feed-due';
import type { AlertSink, MatchedItem } from './matched-item';
import { pollFeed, type FeedPollDeps, type FeedPollResult } from './poll-feed';
import { sortOldestFirst, splitFirstPoll, type FirstPollLimits } from './select-new-items';

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
  /** Told as each due feed finishes (progress on a terminal). */
  onFeedPolled?(feedId: string, dueCount: number): void;
}

export interface CycleReport {
  startedAt: string;
  durationMs: number;
  /** `backingOff`: failing feeds skipped this tick because their next attempt is not due yet. */
  feeds: { due: number; ok: number; notModified: number; failed: number; backingOff?: number };
  failures: { feedId: string; reason: string }[];
  items: number;
  newItems: number;
  matched: number;
  /** Shutdown interrupted the cycle: nothing was delivered or remembered, the next start polls again. */
  cancelled?: true;
}

interface Candidate {
  item: NewsItem;
  keys: DedupeKey[];
}

/**
 * One poll: due feeds → fetch and parse → drop seen items → match → deliver → remember.
 * Invariants: a feed's backlog is never alerted on its first poll; an item is marked seen only after the
 * sink accepted it; feed state (validators, first-poll mark) is saved only after that, so a crash repeats
 * the poll instead of losing items. A cycle cut short by shutdown keeps nothing: aborted fetches are not
 * feed failures, and whatever was fetched is fetched again next time.
 */
export async function runPollCycle(deps: PollCycleDeps, now: Date, signal?: AbortSignal): Promise<CycleReport> {
  const started = Date.now();
  const feeds = await deps.getFeeds();
  const states = await deps.feedStates.getMany(feeds.map((f) => f.id));
  const due = feeds.filter((feed) => isFeedDue(feed, states.get(feed.id), now));
  const results = await fetchAll(deps, due, states, now, signal);
  const backingOff = feeds.filter((f) => Date.parse(states.get(f.id)?.nextAttemptAt ?? '') > now.getTime()).length;
  if (signal?.aborted) return { ...summarise(results, now, started, 0, 0, backingOff), cancelled: true };

  const { fresh, seeded } = await selectUnseen(deps, results, states, now);
  const ruleSet = await deps.getRuleSet();
  const matched: MatchedItem[] = [];
  for (const candidate of fresh) {
    const matches = ruleSet.match(candidate.item);
    if (matches.length > 0) matched.push({ item: candidate.item, matches });
  }
  await deps.sink.deliver(sortOldestFirst(matched));
  await deps.seen.markSeen([...fresh, ...seeded].flatMap((c) => c.keys));
  await Promise.all(results.map((r) => deps.feedStates.set(r.feed.id, r.state)));

  const report = summarise(results, now, started, fresh.length + seeded.length, matched.length, backingOff);
  deps.logger.info({ cycle: { ...report, failures: report.failures.length } }, 'poll cycle finished');
  for (const result of results) logFailure(deps.logger, result, states.get(result.feed.id));
  return report;
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
): Promise<FeedPollResult[]> {
  const limit = pLimit(deps.limits.feedConcurrency);
  return Promise.all(
    due.map((feed) =>
      limit(async () => {
        const result = await deps.hostLimiter.run(feed.url, () => pollFeed(feed, states.get(feed.id), deps.feedPoll, now, signal));
        deps.onFeedPolled?.(feed.id, due.length);
        return result;
      }),
    ),
  );
}

/** Unseen items of every feed, one candidate per story even when several feeds carry it in this poll. */
async function selectUnseen(
  deps: PollCycleDeps,
  results: readonly FeedPollResult[],
  states: Map<string, FeedState>,
  now: Date,
): Promise<{ fresh: Candidate[]; seeded: Candidate[] }> {
  const ttlMs = deps.limits.seenTtlDays * 86_400_000;
  const perFeed = results.map((r) => distrustDuplicateIds(r.items).map((item) => ({ item, keys: dedupeKeys(item, ttlMs, r.feed.guildId) })));
  const seenFlags = await deps.seen.seenAny(perFeed.flat().map((c) => c.keys.map((k) => k.key)));
  const claimed = new Set<string>();
  const fresh: Candidate[] = [];
  const seeded: Candidate[] = [];
  let index = 0;
  results.forEach((result, feedIndex) => {
    const unseen = (perFeed[feedIndex] ?? []).filter((candidate) => {
      const wasSeen = seenFlags[index++] === true || candidate.keys.some((k) => claimed.has(k.key));
      if (!wasSeen) candidate.keys.forEach((k) => claimed.add(k.key));
      return !wasSeen;
    });
    if (states.get(result.feed.id)?.firstPolledAt) {
      fresh.push(...unseen);
      return;
    }
    const split = splitFirstPoll(unseen.map((c) => c.item), deps.limits, now);
    const isFresh = new Set(split.fresh);
    for (const candidate of unseen) (isFresh.has(candidate.item) ? fresh : seeded).push(candidate);
  });
  return { fresh, seeded };
}

function summarise(results: readonly FeedPollResult[], now: Date, started: number, newItems: number, matched: number, backingOff: number): CycleReport {
  const count = (status: FeedPollResult['status']) => results.filter((r) => r.status === status).length;
  return {
    startedAt: now.toISOString(),
    durationMs: Date.now() - started,
    feeds: { due: results.length, ok: count('ok'), notModified: count('not-modified'), failed: count('failed'), backingOff },
    failures: results.flatMap((r) => (r.status === 'failed' ? [{ feedId: r.feed.id, reason: r.reason }] : [])),
    items: results.reduce((sum, r) => sum + r.items.length, 0),
    newItems,
    matched,
  };
}
