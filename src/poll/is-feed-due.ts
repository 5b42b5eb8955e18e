import type { FeedSource } from '../feeds/feed-source';
import type { FeedState } from '../store/feed-state-store';

/** Ticks are not exact; without this slack a 10-minute feed on a 5-minute schedule would wait 15. */
const SCHEDULE_SLACK_MS = 30_000;

/**
 * A feed is due on every tick unless it is backing off after failures (`nextAttemptAt`, which also
 * carries the server's Retry-After, so no slack there) or sets a longer interval that has not yet passed.
 */
export function isFeedDue(feed: FeedSource, state: FeedState | undefined, now: Date): boolean {
  if (state?.nextAttemptAt && Date.parse(state.nextAttemptAt) > now.getTime()) return false;
  if (!feed.intervalMinutes || !state?.lastAttemptAt) return true;
  const elapsed = now.getTime() - Date.parse(state.lastAttemptAt);
  return elapsed + SCHEDULE_SLACK_MS >= feed.intervalMinutes * 60_000;
}
