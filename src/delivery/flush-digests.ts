import { digestScheduleOf } from '../guilds/channel-delivery';
import { nextDue, previousDue, type DigestSchedule } from '../guilds/digest-schedule';
import type { GuildSettings } from '../guilds/guild-settings';
import type { Logger } from '../shared/logger';
import type { DigestStore, SealedDigest } from '../store/digest-store';
import type { GuildSettingsStore } from '../store/guild-settings-store';
import type { OutboxStore } from '../store/outbox-store';
import { composeDigest } from './compose-digest';

/** A digest composed this long after its due time says it is late (the bot was down, or polls are far apart). */
export const DIGEST_LATE_MS = 10 * 60_000;
/** How long the outbox remembers a digest part was given to the channel: longer than any restart gap. */
const DIGEST_KEY_TTL_MS = 8 * 86_400_000;

export interface FlushDigestsDeps {
  guilds: Pick<GuildSettingsStore, 'all'>;
  digests: DigestStore;
  outbox: Pick<OutboxStore, 'enqueue'>;
  logger: Logger;
}

/**
 * Hands every digest that is due to the outbox: runs after each poll and at start, so a digest due while
 * the bot was down goes out once when it is back (marked late), covering everything since the last one.
 * Step by step, each safe to repeat after a crash: seal the buffer for the due time (one batch write),
 * queue the composed messages (ids per channel, due time and part; the outbox refuses a second copy),
 * release the sealed digest. Returns how many digest messages were queued.
 */
export async function flushDueDigests(deps: FlushDigestsDeps, now: Date): Promise<number> {
  let queued = 0;
  for (const guild of await deps.guilds.all()) {
    for (const [channelId, { schedule, since, endedAt }] of digestChannels(guild)) {
      try {
        queued += await flushChannel(deps, guild.guildId, channelId, schedule, since, now, endedAt);
      } catch (error: unknown) {
        // One channel's trouble (a store error) must not hold back the others; the next pass retries.
        deps.logger.error({ err: error, guildId: guild.guildId, channelId }, 'digest not flushed; will retry');
      }
    }
  }
  return queued;
}

async function flushChannel(deps: FlushDigestsDeps, guildId: string, channelId: string, schedule: DigestSchedule, since: string, now: Date, endedAt?: string): Promise<number> {
  let queued = 0;
  const leftOver = await deps.digests.sealed(channelId);
  if (leftOver) queued += await handOver(deps, leftOver, schedule);
  // A channel that left digests: one last digest, due when it switched, and none after it.
  const due = endedAt ? new Date(endedAt) : previousDue(schedule, now);
  const from = (await deps.digests.lastDue(channelId)) ?? since;
  if (Date.parse(from) >= due.getTime()) return queued;
  // Late counts from the first due time it missed: down across 11:00 and back at 12:00 is an hour late.
  const late = !endedAt && now.getTime() - Math.min(due.getTime(), nextDue(schedule, new Date(from)).getTime()) > DIGEST_LATE_MS;
  const sealed = await deps.digests.seal({ guildId, channelId, since: from, due: due.toISOString(), late });
  if (sealed && sealed.stories.length > 0) queued += await handOver(deps, sealed, schedule);
  return queued;
}

async function handOver(deps: FlushDigestsDeps, sealed: SealedDigest, schedule: DigestSchedule): Promise<number> {
  const parts = composeDigest(sealed, schedule);
  const queued = await deps.outbox.enqueue(parts.map((alert) => ({ alert, storyKeys: [{ key: `digest:${sealed.due}:${alert.digest?.part ?? 1}`, ttlMs: DIGEST_KEY_TTL_MS }] })));
  await deps.digests.release(sealed.channelId, sealed.due);
  deps.logger.info({ guildId: sealed.guildId, channelId: sealed.channelId, due: sealed.due, stories: sealed.stories.length, messages: queued.length, late: sealed.late }, 'digest queued');
  return queued.length;
}

/**
 * Digest channels of a server that still deliver, with their schedule and when their first period starts.
 * A channel that left digests has one last digest, due when it switched (`endedAt`), for what it had buffered.
 */
function digestChannels(guild: GuildSettings): Map<string, { schedule: DigestSchedule; since: string; endedAt?: string }> {
  const channels = new Map<string, { schedule: DigestSchedule; since: string; endedAt?: string }>();
  for (const sub of guild.subscriptions) {
    const ended = sub.delivery?.endedDigest;
    const schedule = digestScheduleOf(sub.delivery) ?? (ended ? { mode: ended.mode, timeZone: ended.timeZone } : undefined);
    if (!schedule || sub.broken) continue;
    const since = sub.createdAt ?? new Date(0).toISOString();
    const known = channels.get(sub.channelId);
    if (!known || Date.parse(since) < Date.parse(known.since)) channels.set(sub.channelId, { schedule, since, endedAt: digestScheduleOf(sub.delivery) ? undefined : ended?.at });
  }
  return channels;
}
