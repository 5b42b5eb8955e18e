import type { StoryMember } from '../stories/story';
import type { CorruptEntryReporter, KeyValue } from './key-value';
import { checkShape, storyBucketShape, storyMemberShape } from './stored-shapes';

const HOUR_MS = 3_600_000;

/**
 * The story members of the last 48 hours, kept so that a restart, or another instance of a fleet, can
 * rebuild the recogniser's index: without it, the first rewrite after a restart would be alerted again.
 */
export interface StoryIndexStore {
  /** Members recorded at or after `sinceMs`, oldest first; unreadable buckets are reported and skipped. */
  load(sinceMs: number, nowMs: number): Promise<StoryMember[]>;
  /** Records members (an item already recorded is not recorded twice). */
  record(members: readonly StoryMember[]): Promise<void>;
}

/**
 * Members are filed in one document per hour of recognition (`story-index:<hour>`), each expiring an hour
 * after the window: loading the window is one read of 49 keys, a poll's record one read-modify-write of
 * the current hour under its lock (fleet-wide on Redis), and nothing needs pruning.
 */
export function createStoryIndexStore(kv: KeyValue, windowMs: number, onCorrupt: CorruptEntryReporter = () => {}): StoryIndexStore {
  const bucketKey = (hour: number) => `story-index:${hour}`;
  return {
    async load(sinceMs, nowMs) {
      const hours: number[] = [];
      for (let hour = Math.floor(sinceMs / HOUR_MS); hour <= Math.floor(nowMs / HOUR_MS); hour++) hours.push(hour);
      const keys = hours.map(bucketKey);
      const buckets = await kv.getMany<unknown>(keys);
      return buckets
        .flatMap((bucket, i) => readBucket(keys[i] ?? '', bucket, onCorrupt))
        .filter((member) => member.at >= sinceMs)
        .sort((a, b) => a.at - b.at);
    },
    async record(members) {
      const byHour = new Map<number, StoryMember[]>();
      for (const member of members) {
        const hour = Math.floor(member.at / HOUR_MS);
        byHour.set(hour, [...(byHour.get(hour) ?? []), member]);
      }
      for (const [hour, added] of byHour) {
        const key = bucketKey(hour);
        await kv.withLock(key, async () => {
          const current = readBucket(key, await kv.get(key), onCorrupt);
          const known = new Set(current.map((m) => m.itemKey));
          const fresh = added.filter((m) => !known.has(m.itemKey));
          if (fresh.length === 0) return;
          const expiresIn = (hour + 1) * HOUR_MS + windowMs - Math.max(...added.map((m) => m.at));
          await kv.set(key, [...current, ...fresh], Math.max(HOUR_MS, expiresIn));
        });
      }
    },
  };
}

/** A bucket's readable members: one of the wrong shape is reported and skipped, not the whole hour. */
function readBucket(key: string, value: unknown, onCorrupt: CorruptEntryReporter): StoryMember[] {
  const bucket = checkShape<unknown[]>(storyBucketShape, key, value, onCorrupt) ?? [];
  return bucket.flatMap((member, i) => checkShape<StoryMember>(storyMemberShape, `${key}[${i}]`, member, onCorrupt) ?? []);
}
