import type { SendResult } from './alert-sender';
import { messageNonce } from './message-nonce';
import type { ChannelClaim, OutboxEntry, SendAttempt } from '../store/outbox-store';
import { recordPosts } from './record-posts';
import { RECHECK_AFTER_MS, retryDelayMs, type DeliveryDeps, type DeliveryReport } from './deliver-alerts';

/**
 * One message per story is the rule. A channel with more alerts due than Discord lets it post at once
 * (5 per 5 s) is behind — a burst, or Discord was down — and only then do alerts go out several to a
 * message (up to 10 embeds), so 100 queued alerts take ~10 posts instead of 100: seconds, not minutes.
 */
export const PACK_WHEN_QUEUED = 6;
const MAX_EMBEDS_PER_MESSAGE = 10;

/**
 * Sends one claimed channel's queue, oldest first. Exactly once through lost answers: each message is
 * recorded as an attempt (its alerts, in order, and its nonce) BEFORE its first try, and resent exactly
 * so, under the same nonce, until it is settled — Discord took it, refused it, or closed the channel.
 * An attempted alert is never grouped differently, so Discord's nonce check recognises every resend;
 * past its window, the channel is looked through for the message first (`checkChannel`).
 */
export async function deliverChannel(deps: DeliveryDeps, claim: ChannelClaim, entries: OutboxEntry[], now: Date, report: DeliveryReport, ignoreBackoff: boolean): Promise<void> {
  const round = await startRound(deps, claim, entries, now, ignoreBackoff);
  let position = 0;
  while (position < round.queue.length) {
    if (deps.isStopping?.()) return;
    // A claim that lapsed (this instance stalled) may already be another's: sending on would duplicate.
    if (!(await claim.renew())) return;
    if (!round.isDue(round.queue[position]!)) return;
    const next = await nextMessage(deps, claim, round, position, now);
    if (next.kind === 'transient') return handleFailure(deps, round.queue, position, next, now, report);
    if (next.kind === 'found') {
      await settleSent(deps, next.batch, next.messageId, now, report);
      round.attempt = undefined;
      position += next.batch.length;
      continue;
    }
    const { batch, nonce } = next;
    const { result, count } =
      batch.length > 1 && deps.sender.sendMany
        ? await deps.sender.sendMany(batch.map((e) => e.alert), { nonce })
        : { result: await deps.sender.send(batch[0]!.alert, { nonce }), count: 1 };
    if (result.kind === 'permanent' || result.kind === 'transient') return handleFailure(deps, round.queue, position, result, now, report);
    position += await settle(deps, claim, round, position, batch, result.kind === 'sent' ? { ...result, count } : result, now, report);
  }
}

interface Round {
  queue: OutboxEntry[];
  /** The message tried and not yet settled in this channel. */
  attempt: SendAttempt | undefined;
  isDue(entry: OutboxEntry): boolean;
  packing: boolean;
  /** After Discord refused a packed message, that stretch goes one by one, to find the alert it refused. */
  singlyUntil: number;
}

async function startRound(deps: DeliveryDeps, claim: ChannelClaim, entries: OutboxEntry[], now: Date, ignoreBackoff: boolean): Promise<Round> {
  let attempt = await claim.attempt();
  // Every alert of the attempt left the outbox: it was settled, only its record outlived a crash.
  if (attempt && !entries.some((e) => attempt!.alertIds.includes(e.alert.id))) {
    await claim.dropAttempt();
    attempt = undefined;
  }
  const queue = attempt ? gatherAttempt(entries, attempt) : entries;
  const isDue = (entry: OutboxEntry) => ignoreBackoff || !entry.notBefore || Date.parse(entry.notBefore) <= now.getTime();
  const { sender } = deps;
  // Decided once per round: a backlog is packed to its end, rather than its tail trickling out one by one.
  // A backfill asked for several stories at once: one message, as a backlog would be.
  const backlog = takeWhile(queue, isDue).length >= PACK_WHEN_QUEUED || queue[0]?.alert.backfill === true;
  const packing = backlog && sender.sendMany !== undefined && sender.packSize !== undefined;
  return { queue, attempt, isDue, packing, singlyUntil: -1 };
}

type NextMessage =
  | { kind: 'send'; batch: OutboxEntry[]; nonce: string }
  | { kind: 'found'; batch: OutboxEntry[]; messageId: string }
  | { kind: 'transient'; reason: string };

/**
 * The message at `position`: the unsettled attempt again, exactly as it was (unless it turns out to be in
 * the channel already), or a new one — recorded before it is first tried.
 */
async function nextMessage(deps: DeliveryDeps, claim: ChannelClaim, round: Round, position: number, now: Date): Promise<NextMessage> {
  const { queue, attempt } = round;
  if (attempt?.alertIds.includes(queue[position]!.alert.id)) {
    const batch = queue.slice(position, position + queue.slice(position).filter((e) => attempt.alertIds.includes(e.alert.id)).length);
    const check = await checkChannel(deps, batch, attempt, now);
    if (check?.kind === 'found') return { kind: 'found', batch, messageId: check.messageId };
    if (check?.kind === 'transient') return check;
    return { kind: 'send', batch, nonce: attempt.nonce };
  }
  const fresh = takeWhile(queue.slice(position, position + MAX_EMBEDS_PER_MESSAGE), (e) => round.isDue(e) && !attempt?.alertIds.includes(e.alert.id));
  const size = round.packing && position >= round.singlyUntil && fresh.length > 1 ? deps.sender.packSize!(fresh.map((e) => e.alert)) : 1;
  const batch = fresh.slice(0, Math.max(1, Math.min(size, fresh.length)));
  const ids = batch.map((e) => e.alert.id);
  round.attempt = { alertIds: ids, nonce: messageNonce(ids), firstTriedAt: now.toISOString() };
  await claim.saveAttempt(round.attempt);
  return { kind: 'send', batch, nonce: round.attempt.nonce };
}

/** Settles a message Discord took or refused; returns how many alerts of the queue it moved past. */
async function settle(
  deps: DeliveryDeps,
  claim: ChannelClaim,
  round: Round,
  position: number,
  batch: OutboxEntry[],
  result: { kind: 'sent'; messageId: string; count: number } | { kind: 'rejected'; reason: string },
  now: Date,
  report: DeliveryReport,
): Promise<number> {
  round.attempt = undefined;
  if (result.kind === 'sent') {
    // Fewer than asked only if the message was cut shorter than recorded: the rest were never posted.
    const sent = batch.slice(0, Math.max(1, Math.min(result.count, batch.length)));
    await settleSent(deps, sent, result.messageId, now, report);
    return sent.length;
  }
  // Discord refused the message itself (400): nothing of it was posted, so its alerts may be regrouped.
  if (batch.length > 1) {
    await claim.dropAttempt();
    round.singlyUntil = position + batch.length;
    return 0;
  }
  // A message Discord will never accept must not block the channel's queue forever.
  const [entry] = batch;
  await deps.outbox.complete([entry!]);
  report.dropped++;
  deps.logger.error({ alertId: entry!.alert.id, reason: result.reason }, 'Discord rejected an alert; dropped');
  return 1;
}

/**
 * The attempt's alerts, in the order they were sent, as one block where its oldest alert stands: alerts
 * found later but published earlier still go before it, and nothing is ever slipped inside it.
 */
function gatherAttempt(entries: OutboxEntry[], attempt: SendAttempt): OutboxEntry[] {
  const inAttempt = (e: OutboxEntry) => attempt.alertIds.includes(e.alert.id);
  const block = attempt.alertIds.map((id) => entries.find((e) => e.alert.id === id)).filter((e): e is OutboxEntry => e !== undefined);
  const at = entries.findIndex(inAttempt);
  const before = entries.slice(0, at).filter((e) => !inAttempt(e));
  return [...before, ...block, ...entries.slice(at).filter((e) => !inAttempt(e))];
}

/**
 * Discord remembers a nonce for a few minutes. A message first tried longer ago than that may have been
 * posted with its answer lost; resending it would post it again, so the channel is looked through first.
 * Without permission to read it, the message is resent (logged once per channel).
 */
async function checkChannel(deps: DeliveryDeps, batch: OutboxEntry[], attempt: SendAttempt, now: Date) {
  // An unreadable time counts as long ago: checking costs one read, a duplicate is what it prevents.
  const firstTried = Date.parse(attempt.firstTriedAt) || 0;
  // A forum post is created without a nonce: every resend is checked against the forum first.
  const window = batch[0]!.alert.forum ? 0 : (deps.recheckAfterMs ?? RECHECK_AFTER_MS);
  if (!deps.sender.findPosted || now.getTime() - firstTried < window) return undefined;
  const check = await deps.sender.findPosted(batch.map((e) => e.alert), new Date(firstTried));
  const channelId = batch[0]!.alert.channelId;
  if (check.kind === 'unreadable' && !deps.unreadableChannels?.has(channelId)) {
    deps.unreadableChannels?.add(channelId);
    deps.logger.warn({ channelId, reason: check.reason }, 'cannot read the channel to check for a message whose answer was lost; resending it (grant Read Message History)');
  }
  if (check.kind === 'found') deps.logger.info({ channelId, messageId: check.messageId, alerts: batch.length }, 'found a message whose answer was lost; not posting it again');
  return check;
}

async function settleSent(deps: DeliveryDeps, sent: OutboxEntry[], messageId: string, now: Date, report: DeliveryReport): Promise<void> {
  // Recorded before the alerts leave the outbox: a crash in between resends under the same nonce, and
  // recording the same post again changes nothing; the other way round, the message id could be lost.
  if (deps.ledger) await recordPosts(deps.ledger, sent, messageId, now);
  await deps.outbox.complete(sent, { messageId, at: now });
  report.sent += sent.length;
  sent.forEach((e) => deps.onSent?.(e));
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
