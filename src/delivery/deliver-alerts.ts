import type { AlertSender } from './alert-sender';
import type { Logger } from '../shared/logger';
import type { OutboxEntry, OutboxStore } from '../store/outbox-store';
import type { StoryLedger } from '../stories/story-ledger';
import { deliverChannel } from './deliver-channel';
import { deliverStoryEdits } from './deliver-story-edits';

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
  /**
   * A message first tried longer ago than this may be outside Discord's nonce window: before it is sent
   * again, the channel is checked for it (default RECHECK_AFTER_MS).
   */
  recheckAfterMs?: number;
  /** Channels already logged as unreadable, so each is logged once (kept by the runner across rounds). */
  unreadableChannels?: Set<string>;
  /** Where each posted story's message is recorded, and the "also reported by" edits wait; absent, none are. */
  ledger?: StoryLedger;
  /** A message is edited at most this often (default EDIT_INTERVAL_MS). */
  editIntervalMs?: number;
}

/** Discord keeps nonces "a few minutes"; past four, a resend is checked against the channel first. */
export const RECHECK_AFTER_MS = 4 * 60_000;

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
  const report: DeliveryReport = { sent: 0, failed: 0, dropped: 0, pending: 0 };
  const channels = await deps.outbox.channels();
  await Promise.all(channels.map((channelId) => deliverClaimed(deps, channelId, now, report, options.ignoreBackoff === true)));
  // After the alerts: a first post's message id must be known before its story's message can be edited.
  if (deps.ledger) report.pending += (await deliverStoryEdits({ ...deps, ledger: deps.ledger }, now)).waiting;
  return report;
}

/**
 * Exactly once across instances: a channel is sent by whoever claims it, from entries read AFTER claiming
 * (another instance may just have sent some). A channel claimed elsewhere is left for this round.
 */
async function deliverClaimed(deps: DeliveryDeps, channelId: string, now: Date, report: DeliveryReport, ignoreBackoff: boolean): Promise<void> {
  const claim = await deps.outbox.claimChannel(channelId, deps.claimMs ?? CHANNEL_CLAIM_MS);
  if (!claim) {
    report.pending += await deps.outbox.count(channelId);
    return;
  }
  try {
    const queue = await claim.entries();
    const before = { sent: report.sent, dropped: report.dropped };
    await deliverChannel(deps, claim, queue, now, report, ignoreBackoff);
    report.pending += queue.length - (report.sent - before.sent) - (report.dropped - before.dropped);
  } finally {
    await claim.release();
  }
}

