import type { StoryMember } from '../stories/story';
import type { CorruptEntryReporter, KeyValue } from './key-value';
import { checkShape, storyBucketShape, storyMemberShape } from './stored-shapes';
import { createTimeLog } from './time-log';

const HOUR_MS = 3_600_000;

/**
 * The story members of the last 48 hours, kept so that a restart, or another instance of a fleet, can
 * rebuild the recogniser's index: without it, the first rewrite after a restart would be alerted again.
 */
export interface StoryIndexStore {
  /** Members recorded at or after `sinceMs`, oldest first; unreadable ones are reported and skipped. */
  load(sinceMs: number, nowMs: number): Promise<StoryMember[]>;
  /** Records members (an item already recorded is not recorded twice). */
  record(members: readonly StoryMember[]): Promise<void>;
}

/**
 * Members are kept in a log by recognition time (store/time-log.ts): recording is one write of the new
 * members, at every per-feed hand-over, and loading the window one range read. Members older than the
 * window are dropped as the window is loaded (once a poll). An item recorded twice (a poll repeated after
 * a crash) is read once, at its first recording.
 *
 * Earlier versions kept one document per hour (`story-index:<hour>`); those are still read until they
 * expire by themselves (48 hours after an upgrade), so an upgrade forgets no story.
 */
export function createStoryIndexStore(kv: KeyValue, windowMs: number, onCorrupt: CorruptEntryReporter = () => {}): StoryIndexStore {
  const log = createTimeLog<StoryMember>(kv, 'story-index', storyMemberShape, (member) => member.at, onCorrupt);
  return {
    async load(sinceMs, nowMs) {
      await log.forgetBefore(nowMs - windowMs);
      const untilMs = (Math.floor(nowMs / HOUR_MS) + 1) * HOUR_MS - 1;
      const [logged, legacy] = await Promise.all([log.read(sinceMs, untilMs), readLegacyBuckets(kv, sinceMs, nowMs, onCorrupt)]);
      const byItem = new Map<string, StoryMember>();
      for (const member of [...legacy, ...logged].sort((a, b) => a.at - b.at)) {
        if (member.at >= sinceMs && !byItem.has(member.itemKey)) byItem.set(member.itemKey, member);
      }
      return [...byItem.values()];
    },
    async record(members) {
      if (members.length > 0) await log.append(members);
    },
  };
}

/** The hourly documents of earlier versions: a member of the wrong shape is reported and skipped, not the whole hour. */
async function readLegacyBuckets(kv: KeyValue, sinceMs: number, nowMs: number, onCorrupt: CorruptEntryReporter): Promise<StoryMember[]> {
  const keys: string[] = [];
  for (let hour = Math.floor(sinceMs / HOUR_MS); hour <= Math.floor(nowMs / HOUR_MS); hour++) keys.push(`story-index:${hour}`);
  const buckets = await kv.getMany<unknown>(keys);
  return buckets.flatMap((bucket, i) => {
    const key = keys[i] ?? '';
    return (checkShape<unknown[]>(storyBucketShape, key, bucket, onCorrupt) ?? []).flatMap((member, j) => checkShape<StoryMember>(storyMemberShape, `${key}[${j}]`, member, onCorrupt) ?? []);
  });
}
