import type { FeedSource } from '../../src/feeds/feed-source';
import { retryDelayMs } from '../../src/delivery/deliver-alerts';
import { feedRetryDelayMs, type FeedBackoff } from '../../src/poll/feed-backoff';
import { isFeedDue } from '../../src/poll/is-feed-due';
import type { FeedState } from '../../src/store/feed-state-store';

const MIN = 60_000;
const backoff = (random: number): FeedBackoff => ({ baseMs: MIN, maxMs: 60 * MIN, maxRetryAfterMs: 6 * 60 * MIN, random: () => random });

describe('feedRetryDelayMs', () => {
  test.each([
    // failures, Retry-After, random → delay
    [1, undefined, 0, 0.5 * MIN],
    [1, undefined, 0.999_999, MIN],
    [2, undefined, 0, MIN],
    [4, undefined, 0, 4 * MIN],
    [7, undefined, 0, 30 * MIN],
    [12, undefined, 0, 30 * MIN], // capped at an hour before jitter
    [12, undefined, 0.999_999, 60 * MIN],
    [1, 10 * MIN, 0, 10 * MIN], // Retry-After beats a shorter back-off
    [7, 5 * MIN, 0, 30 * MIN], // …but never shortens a longer one
    [1, 48 * 60 * MIN, 0, 6 * 60 * MIN], // an absurd Retry-After is capped
    [1, 0, 0, 0.5 * MIN],
  ])('after %i failures with Retry-After %p and jitter %p waits %p ms', (failures, retryAfter, random, expected) => {
    expect(feedRetryDelayMs(failures, retryAfter, backoff(random))).toBeCloseTo(expected, -2);
  });
});

describe('isFeedDue', () => {
  const now = new Date('2026-11-26T12:00:00Z');
  const at = (minutes: number) => new Date(now.getTime() + minutes * MIN).toISOString();
  const feed: FeedSource = { id: 'f', name: 'F', url: 'https://f.example/feed' };
  const hourly: FeedSource = { ...feed, intervalMinutes: 60 };
  const state = (extra: Partial<FeedState>): FeedState => ({ consecutiveFailures: 0, ...extra });
  test.each<[string, FeedSource, FeedState | undefined, boolean]>([
    ['a feed never polled', feed, undefined, true],
    ['a healthy feed on every tick', feed, state({ lastAttemptAt: at(-5) }), true],
    ['a failing feed before its next attempt', feed, state({ lastAttemptAt: at(-5), nextAttemptAt: at(1) }), false],
    ['a failing feed once its next attempt is due', feed, state({ lastAttemptAt: at(-5), nextAttemptAt: at(0) }), true],
    ['an hourly feed after 20 minutes', hourly, state({ lastAttemptAt: at(-20) }), false],
    ['an hourly feed just under the hour (tick slack)', hourly, state({ lastAttemptAt: at(-59.6) }), true],
    ['an hourly feed backing off past its interval', hourly, state({ lastAttemptAt: at(-90), nextAttemptAt: at(10) }), false],
  ])('%s: %p', (_label, source, current, due) => {
    expect(isFeedDue(source, current, now)).toBe(due);
  });
});

describe('retryDelayMs (alerts Discord did not take)', () => {
  test.each([
    [1, 5_000],
    [2, 10_000],
    [5, 80_000],
    [10, 600_000],
    [50, 600_000],
  ])('attempt %i waits %i ms', (attempts, expected) => {
    expect(retryDelayMs(attempts)).toBe(expected);
  });

  it('follows injected timings', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, { baseMs: 10, maxMs: 50 }))).toEqual([10, 20, 40, 50]);
  });
});
