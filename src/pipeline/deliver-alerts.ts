import type { AlertSender, SendResult } from '../alerts/alert-sender';
import type { Logger } from '../shared/logger';
import type { ChannelClaim, OutboxEntry, OutboxStore } from '../store/outbox-store';

/** Waits between attempts at one alert while Discord fails: doubling from `baseMs`, never above `maxMs`. */
export interface RetryTimings {
  baseMs: number;
  maxMs: number;
}

/** 5 s, 10 s, 20 s … capped at 10 min: a Discord outage is retried without hammering it. */
export const DEFAULT_SEND_RETRY: RetryTimings = { baseMs: 5_000, maxMs: 10 * 60_000 };

/**
 * How long a channel stays claimed by the instance sending it, renewed before each send. Longer than one
 * send with discord.js's own retries; if the instance dies, another sends the channel after this.
 */
export const CHANNEL_CLAIM_MS = 60_000;

export interface DeliveryDeps {
  outbox: OutboxStore;
  sender: AlertSender;
  /** Called once per channel Discord refused for good, so its subscriptions can be marked broken. */
  onChannelBroken(guildId: string, channelId: string, reason: string): Promise<void>;
  onSent?(entry: OutboxEntry): void;
  logger: Logger;
  retry?: RetryTimings;
  /** Checked before each send: true once shutdown began, so a round ends after the sends in flight. */
  isStopping?(): boolean;
  /** Time to live of a channel claim (default CHANNEL_CLAIM_MS). */
  claimMs?: number;
}

export interface DeliveryReport {
  sent: number;
  failed: number;
  dropped: number;
  pending: number;
}

export function retryDelayMs(attempts: number, timings: RetryTimings = DEFAULT_SEND_RETRY): number {
  return Math.min(timings.maxMs, timings.baseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * Sends what the outbox holds, oldest first. Channels proceed independently; within a channel a failed
 * send stops that channel's queue for this round, so publication order is kept. Alerts leave the outbox
 * only after Discord accepted them; a refusal for good (403/404) drops the channel's alerts and reports it.
 * `ignoreBackoff`: Discord just came back (login, gateway resumed), so waiting entries are tried at once.
 */
export async function deliverPending(deps: DeliveryDeps, now: Date, options: { ignoreBackoff?: boolean } = {}): Promise<DeliveryReport> {
  const entries = await deps.outbox.pending();
  const byChannel = new Map<string, OutboxEntry[]>();
  for (const entry of entries) byChannel.set(entry.alert.channelId, [...(byChannel.get(entry.alert.channelId) ?? []), entry]);
  const report: DeliveryReport = { sent: 0, failed: 0, dropped: 0, pending: 0 };
  await Promise.all([...byChannel.keys()].map((channelId) => deliverClaimed(deps, channelId, now, report, options.ignoreBackoff === true)));
  report.pending = entries.length - report.sent - report.dropped;
  return report;
}

/**
 * Exactly once across instances: a channel is sent by whoever claims it, from entries read AFTER claiming
 * (another instance may just have sent some). A channel claimed elsewhere is left for this round.
 */
async function deliverClaimed(deps: DeliveryDeps, channelId: string, now: Date, report: DeliveryReport, ignoreBackoff: boolean): Promise<void> {
  const claim = await deps.outbox.claimChannel(channelId, deps.claimMs ?? CHANNEL_CLAIM_MS);
  if (!claim) return;
  try {
    await deliverChannel(deps, claim, await claim.entries(), now, report, ignoreBackoff);
  } finally {
    await claim.release();
  }
}

/**
 * One message per story is the rule. A channel with more alerts due than Discord lets it post at once
 * (5 per 5 s) is behind — a burst, or Discord was down — and only then do alerts go out several to a
 * message (up to 10 embeds), so 100 queued alerts take ~10 posts instead of 100: seconds, not minutes.
 */
export const PACK_WHEN_QUEUED = 6;
const MAX_EMBEDS_PER_MESSAGE = 10;

async function deliverChannel(deps: DeliveryDeps, claim: ChannelClaim, queue: OutboxEntry[], now: Date, report: DeliveryReport, ignoreBackoff: boolean): Promise<void> {
  const isDue = (entry: OutboxEntry) => ignoreBackoff || !entry.notBefore || Date.parse(entry.notBefore) <= now.getTime();
  // Decided once per round: a backlog is packed to its end, rather than its tail trickling out one by one.
  const packing = takeWhile(queue, isDue).length >= PACK_WHEN_QUEUED && deps.sender.sendMany !== undefined;
  let position = 0;
  while (position < queue.length) {
    const entry = queue[position]!;
    if (deps.isStopping?.()) return;
    // A claim that lapsed (this instance stalled) may already be another's: sending on would duplicate.
    if (!(await claim.renew())) return;
    if (!isDue(entry)) return;
    const due = takeWhile(queue.slice(position, position + MAX_EMBEDS_PER_MESSAGE), isDue);
    const { result, count } =
      packing && due.length > 1 && deps.sender.sendMany
        ? await deps.sender.sendMany(due.map((e) => e.alert))
        : { result: await deps.sender.send(entry.alert), count: 1 };
    if (result.kind === 'sent') {
      const sent = queue.slice(position, position + count);
      await deps.outbox.complete(sent);
      report.sent += sent.length;
      sent.forEach((e) => deps.onSent?.(e));
      position += sent.length;
      continue;
    }
    if (result.kind === 'rejected') {
      if (count > 1) {
        // One embed of the pack may be what Discord refused: send that stretch one by one instead.
        const single = await deps.sender.send(entry.alert);
        if (single.kind !== 'rejected') {
          if (single.kind === 'sent') {
            await deps.outbox.complete([entry]);
            report.sent++;
            deps.onSent?.(entry);
            position++;
            continue;
          }
          return handleFailure(deps, queue, position, single, now, report);
        }
      }
      // A message Discord will never accept must not block the channel's queue forever.
      await deps.outbox.complete([entry]);
      report.dropped++;
      deps.logger.error({ alertId: entry.alert.id, reason: result.reason }, 'Discord rejected an alert; dropped');
      position++;
      continue;
    }
    return handleFailure(deps, queue, position, result, now, report);
  }
}

/** A channel closed for good drops its queue and reports it; anything else waits with back-off. */
async function handleFailure(
  deps: DeliveryDeps,
  queue: OutboxEntry[],
  position: number,
  result: Extract<SendResult, { kind: 'permanent' | 'transient' }>,
  now: Date,
  report: DeliveryReport,
): Promise<void> {
  const entry = queue[position]!;
  if (result.kind === 'permanent') {
    const rest = queue.slice(position);
    await deps.outbox.complete(rest);
    report.dropped += rest.length;
    deps.logger.warn({ guildId: entry.alert.guildId, channelId: entry.alert.channelId, reason: result.reason, dropped: rest.length }, 'channel refused alerts; subscription marked broken');
    await deps.onChannelBroken(entry.alert.guildId, entry.alert.channelId, result.reason);
    return;
  }
  const attempts = entry.attempts + 1;
  const notBefore = new Date(now.getTime() + retryDelayMs(attempts, deps.retry)).toISOString();
  await deps.outbox.update({ ...entry, attempts, lastError: result.reason, notBefore });
  report.failed++;
  deps.logger.warn({ channelId: entry.alert.channelId, attempts, reason: result.reason, retryAt: notBefore }, 'alert not sent; will retry');
}

function takeWhile<T>(items: readonly T[], keep: (item: T) => boolean): T[] {
  const end = items.findIndex((item) => !keep(item));
  return end === -1 ? [...items] : items.slice(0, end);
}
