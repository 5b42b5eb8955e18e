import type { Alert } from '../delivery/alert';
import { alertWhyKey, describeWhy, type AlertWhy } from '../delivery/alert-why';
import type { StoryKey } from '../stories/story-keys';
import type { CorruptEntryReporter, KeyValue } from './key-value';
import { indexScore, outboxKeys } from './outbox-keys';
import { migrateLegacyIndex } from './outbox-legacy-index';
import { alertWhyShape, checkShape, outboxEntryShape, sendAttemptShape, sentMessageShape } from './stored-shapes';

/** An alert waiting to be posted, with its delivery attempts so far. */
export interface OutboxEntry {
  alert: Alert;
  attempts: number;
  /** ISO time before which the entry is not retried (back-off after a failed send). */
  notBefore?: string;
  lastError?: string;
  /** The story's keys, remembered for the channel once the alert is done with (absent in older entries). */
  storyKeys?: StoryKey[];
}

/**
 * One message as it was first sent to a channel: which alerts it carried, in order, and its nonce. Written
 * before the first try and kept until the message is settled, so every resend — after a lost answer, a
 * crash or a restart — is exactly the same message under the same nonce, never a regrouping of its alerts.
 */
export interface SendAttempt {
  alertIds: string[];
  nonce: string;
  /** ISO time of the first try: once older than Discord's nonce window, the channel is checked first. */
  firstTriedAt: string;
}

/** Where an alert was posted, for later edits of the message (for a forum alert: the post's thread). */
export interface SentMessage {
  channelId: string;
  messageId: string;
  sentAt: string;
}

/**
 * Alerts recorded durably before they are sent and removed once Discord accepted them, so a crash or an
 * outage loses nothing. Each channel also remembers which stories it was given (`storyKeys`), so the same
 * story is queued for a channel at most once, whichever feed brought it.
 */
export interface OutboxStore {
  /** Queues the alerts whose story this channel has neither pending nor done; returns those queued. */
  enqueue(alerts: readonly { alert: Alert; storyKeys: StoryKey[] }[]): Promise<Alert[]>;
  /** Pending entries, oldest publication first; unreadable ones are reported and dropped. */
  pending(): Promise<OutboxEntry[]>;
  /** Channels with alerts waiting. */
  channels(): Promise<string[]>;
  /**
   * Done with these (sent, or refused for good): the channel remembers their stories, `sent` records the
   * message that carries them, then they leave, and so does the channel's attempt that sent them.
   */
  complete(entries: readonly OutboxEntry[], sent?: { messageId: string; at: Date }): Promise<void>;
  /** Saves a pending entry's attempts and back-off; ignored once the entry has left the outbox. */
  update(entry: OutboxEntry): Promise<void>;
  /** Alerts waiting, in one channel or in all. */
  count(channelId?: string): Promise<number>;
  /** Exclusive right to send one channel's alerts for `ttlMs` (renewable); undefined while another holds it. */
  claimChannel(channelId: string, ttlMs: number): Promise<ChannelClaim | undefined>;
  /** The channel and message an alert was posted in, while its story is remembered. */
  sentMessage(alertId: string): Promise<SentMessage | undefined>;
  /** Why a sent alert was sent, by its alertWhyKey, for as long as its sent message is remembered. */
  alertWhy(whyKey: string): Promise<AlertWhy | undefined>;
}

/** While held, this instance alone sends the channel's alerts. */
export interface ChannelClaim {
  /** The channel's pending entries as they are now (read after claiming, so nothing already sent), oldest first. */
  entries(): Promise<OutboxEntry[]>;
  /** The message tried and not yet settled in this channel, if any. */
  attempt(): Promise<SendAttempt | undefined>;
  /** Records a message before its first try. */
  saveAttempt(attempt: SendAttempt): Promise<void>;
  /** Forgets the attempt: Discord refused the message itself, so nothing of it was posted. */
  dropAttempt(): Promise<void>;
  /** Extends the claim; false when it was lost (it expired), so sending must stop. */
  renew(): Promise<boolean>;
  release(): Promise<void>;
}

export type { StoryKey };

/** How long a sent message is remembered when the entry carries no story keys. */
const SENT_MESSAGE_TTL_MS = 30 * 86_400_000;
const LOCK = 'outbox:index';
const CHANNELS = outboxKeys.channels;

/**
 * Per-alert records under a sorted index (store/sorted-index.ts): enqueueing or completing an alert costs
 * a few small writes, whatever the outbox holds. Crash safety, step by step (a crash may stop the
 * process between any two writes):
 * - enqueue adds the index members, then writes each alert's story markers and its entry. A member
 *   without an entry is dropped by the next read; the poll never marked its items seen, so the next poll
 *   routes them again under the same alert ids.
 * - a story marker `{ pending: id }` blocks the story only while entry `id` exists, so markers of an alert
 *   whose entry was never written block nothing.
 * - complete writes the channel's story keys (and the message id), then drops the index members, then the
 *   entries and the attempt: at every instant one of them says the channel has the story. An attempt
 *   whose alerts are gone is stale and ignored.
 * All index read-modify-writes run one at a time, fleet-wide, so enqueue's check and complete's hand-over
 * never interleave. Sending is claimed per channel (`claimChannel`), so with several instances delivering,
 * one sends a channel's queue at a time, in order, and an instance that dies mid-send frees it on expiry.
 */
export function createOutboxStore(kv: KeyValue, onCorrupt: CorruptEntryReporter = () => {}): OutboxStore {
  // Every read-modify-write holds the lock, fleet-wide on Redis; the legacy index is moved over first.
  const exclusive = <T>(work: () => Promise<T>): Promise<T> =>
    kv.withLock(LOCK, async () => {
      await migrateLegacyIndex(kv, onCorrupt);
      return work();
    });
  const readEntries = async (ids: readonly string[]) => {
    const values = await kv.getMany<unknown>(ids.map(outboxKeys.entry));
    return values.map((value, i) => checkShape<OutboxEntry>(outboxEntryShape, outboxKeys.entry(ids[i]!), value, onCorrupt));
  };
  const readChannel = async (channelId: string): Promise<OutboxEntry[]> => {
    const ids = await kv.index.members(outboxKeys.channelIndex(channelId));
    const entries = await readEntries(ids);
    // Reported once: an id whose entry is gone or corrupt leaves the index instead of blocking every round.
    const unreadable = ids.filter((_, i) => entries[i] === undefined);
    if (unreadable.length > 0) await kv.index.remove(outboxKeys.channelIndex(channelId), unreadable);
    if (unreadable.length === ids.length) await kv.index.remove(CHANNELS, [channelId]);
    return entries.filter((e): e is OutboxEntry => e !== undefined && e.alert.channelId === channelId);
  };
  const readAll = async () => {
    const byChannel = await Promise.all((await kv.index.members(CHANNELS)).map(readChannel));
    return byChannel.flat().sort((a, b) => indexScore(a.alert, 0) - indexScore(b.alert, 0));
  };

  return {
    enqueue: (candidates) => exclusive(() => enqueueAlerts(kv, candidates, readEntries)),
    pending: () => exclusive(readAll),
    channels: () => kv.index.members(CHANNELS),
    complete: (entries, sent) => exclusive(() => completeEntries(kv, entries, sent, onCorrupt)),
    update: (entry) =>
      exclusive(async () => {
        if ((await kv.get(outboxKeys.entry(entry.alert.id))) !== undefined) await kv.set(outboxKeys.entry(entry.alert.id), entry);
      }),
    async count(channelId) {
      if (channelId !== undefined) return kv.index.size(outboxKeys.channelIndex(channelId));
      const sizes = await Promise.all((await kv.index.members(CHANNELS)).map((id) => kv.index.size(outboxKeys.channelIndex(id))));
      return sizes.reduce((sum, n) => sum + n, 0);
    },
    async claimChannel(channelId, ttlMs) {
      const claim = await kv.tryClaim(`outbox:channel:${channelId}`, ttlMs);
      if (!claim) return undefined;
      return {
        entries: () => exclusive(() => readChannel(channelId)),
        attempt: async () => checkShape<SendAttempt>(sendAttemptShape, outboxKeys.attempt(channelId), await kv.get(outboxKeys.attempt(channelId)), onCorrupt),
        saveAttempt: (attempt) => kv.set(outboxKeys.attempt(channelId), attempt),
        dropAttempt: () => kv.delete(outboxKeys.attempt(channelId)),
        renew: () => claim.renew(),
        release: () => claim.release(),
      };
    },
    sentMessage: async (alertId) => checkShape<SentMessage>(sentMessageShape, outboxKeys.sent(alertId), await kv.get(outboxKeys.sent(alertId)), onCorrupt),
    alertWhy: async (whyKey) => checkShape<AlertWhy>(alertWhyShape, outboxKeys.why(whyKey), await kv.get(outboxKeys.why(whyKey)), onCorrupt),
  };
}

type ReadEntries = (ids: readonly string[]) => Promise<(OutboxEntry | undefined)[]>;

async function enqueueAlerts(kv: KeyValue, candidates: readonly { alert: Alert; storyKeys: StoryKey[] }[], readEntries: ReadEntries): Promise<Alert[]> {
  const keyed = candidates.map((c) => ({ ...c, keys: c.storyKeys.map((k) => outboxKeys.story(c.alert.channelId, k.key)) }));
  const marks = await kv.getMany<unknown>(keyed.flatMap((c) => c.keys));
  const allKeys = keyed.flatMap((c) => c.keys);
  // A story is taken when the channel has it done, or pending under an alert whose entry exists.
  const pendingIds = [...new Set([...keyed.map((c) => c.alert.id), ...marks.flatMap((m) => (isPendingMark(m) ? [m.pending] : []))])];
  const existing = await readEntries(pendingIds);
  const live = new Set(pendingIds.filter((_, i) => existing[i] !== undefined));
  const taken = new Set(allKeys.filter((_, i) => typeof marks[i] === 'number' || (isPendingMark(marks[i]) && live.has(marks[i].pending))));
  for (const id of live) taken.add(id);
  const accepted = keyed.filter((c) => {
    if (taken.has(c.alert.id) || c.keys.some((k) => taken.has(k))) return false;
    [c.alert.id, ...c.keys].forEach((k) => taken.add(k));
    return true;
  });
  if (accepted.length === 0) return [];
  const channels = [...new Set(accepted.map((c) => c.alert.channelId))];
  await kv.index.add(CHANNELS, channels.map((member) => ({ member, score: 0 })));
  for (const channelId of channels) {
    const members = accepted.filter((c) => c.alert.channelId === channelId).map((c, i) => ({ member: c.alert.id, score: indexScore(c.alert, i) }));
    await kv.index.add(outboxKeys.channelIndex(channelId), members);
  }
  await kv.setMany(
    accepted.flatMap(({ alert, storyKeys, keys }) => [
      ...keys.map((key) => ({ key, value: { pending: alert.id } })),
      { key: outboxKeys.entry(alert.id), value: { alert, attempts: 0, storyKeys } satisfies OutboxEntry },
    ]),
  );
  return accepted.map(({ alert }) => alert);
}

async function completeEntries(kv: KeyValue, entries: readonly OutboxEntry[], sent: { messageId: string; at: Date } | undefined, onCorrupt: CorruptEntryReporter): Promise<void> {
  if (entries.length === 0) return;
  const now = Date.now();
  const remembered = entries.flatMap(({ alert, storyKeys }) => (storyKeys ?? []).map((k) => ({ key: outboxKeys.story(alert.channelId, k.key), value: now, ttlMs: k.ttlMs })));
  // The "why" record lives as long as the sent-message record beside it: its button answers while the
  // alert's story is remembered, then says it no longer knows.
  const messages = sent
    ? entries.flatMap(({ alert, storyKeys }) => {
        const ttlMs = Math.max(0, ...(storyKeys ?? []).map((k) => k.ttlMs)) || SENT_MESSAGE_TTL_MS;
        return [
          // A forum post's first message lives in the post (a thread) whose id is the message's own id.
          { key: outboxKeys.sent(alert.id), value: { channelId: alert.forum ? sent.messageId : alert.channelId, messageId: sent.messageId, sentAt: sent.at.toISOString() } satisfies SentMessage, ttlMs },
          { key: outboxKeys.why(alertWhyKey(alert.id)), value: describeWhy(alert), ttlMs },
        ];
      })
    : [];
  await kv.setMany([...remembered, ...messages]);
  const channels = [...new Set(entries.map((e) => e.alert.channelId))];
  for (const channelId of channels) {
    const ids = entries.filter((e) => e.alert.channelId === channelId).map((e) => e.alert.id);
    await kv.index.remove(outboxKeys.channelIndex(channelId), ids);
    await Promise.all(ids.map((id) => kv.delete(outboxKeys.entry(id))));
    const attempt = checkShape<SendAttempt>(sendAttemptShape, outboxKeys.attempt(channelId), await kv.get(outboxKeys.attempt(channelId)), onCorrupt);
    if (attempt?.alertIds.some((id) => ids.includes(id))) await kv.delete(outboxKeys.attempt(channelId));
    if ((await kv.index.size(outboxKeys.channelIndex(channelId))) === 0) await kv.index.remove(CHANNELS, [channelId]);
  }
}

function isPendingMark(value: unknown): value is { pending: string } {
  return typeof value === 'object' && value !== null && typeof (value as { pending?: unknown }).pending === 'string';
}
