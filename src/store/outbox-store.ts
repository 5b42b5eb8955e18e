import type { Alert } from '../alerts/alert';
import type { CorruptEntryReporter, KeyValue } from './key-value';
import { checkShape, outboxEntryShape, outboxIndexShape } from './stored-shapes';

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
 * Alerts recorded durably before they are sent and removed once Discord accepted them, so a crash or an
 * outage loses nothing. Each channel also remembers which stories it was given (`storyKeys`), so the same
 * story is queued for a channel at most once, whichever feed brought it.
 */
export interface OutboxStore {
  /** Queues the alerts whose story this channel has neither pending nor done; returns those queued. */
  enqueue(alerts: readonly { alert: Alert; storyKeys: StoryKey[] }[]): Promise<Alert[]>;
  /** Pending entries, oldest publication first; unreadable ones are reported and dropped. */
  pending(): Promise<OutboxEntry[]>;
  /** Done with these (sent, or refused for good): the channel remembers their stories, then they leave. */
  complete(entries: readonly OutboxEntry[]): Promise<void>;
  /** Saves a pending entry's attempts and back-off; ignored once the entry has left the outbox. */
  update(entry: OutboxEntry): Promise<void>;
  count(): Promise<number>;
  /** Exclusive right to send one channel's alerts for `ttlMs` (renewable); undefined while another holds it. */
  claimChannel(channelId: string, ttlMs: number): Promise<ChannelClaim | undefined>;
}

/** While held, this instance alone sends the channel's alerts. */
export interface ChannelClaim {
  /** The channel's pending entries as they are now (read after claiming, so nothing already sent), oldest first. */
  entries(): Promise<OutboxEntry[]>;
  /** Extends the claim; false when it was lost (it expired), so sending must stop. */
  renew(): Promise<boolean>;
  release(): Promise<void>;
}

/** A key identifying the story (feed item, canonical link, title fingerprint) and how long it counts. */
export interface StoryKey {
  key: string;
  ttlMs: number;
}

interface IndexEntry {
  id: string;
  /** Publication (or first-seen) time of the item: delivery goes oldest first. */
  time: string;
  /** The channel-scoped story keys of the pending alert: while it waits, they block the same story. */
  keys?: string[];
  /** Lets one channel's entries be read without reading every entry (absent in older index lines). */
  channelId?: string;
}

const INDEX_KEY = 'outbox:index';

/**
 * Crash safety, step by step (a crash may stop the process between any two writes):
 * - enqueue writes the entries, then the index. Entries without an index line are orphans of a poll that
 *   never marked its items seen; the next poll routes the same items again under the same alert ids.
 * - the index line carries the story keys, so a pending story blocks its duplicates with one write.
 * - complete writes the channel's story keys, then drops the index line: at every instant one of the two
 *   says the channel has the story. A crash after Discord accepted but before complete resends the alert
 *   under the same nonce, which Discord deduplicates for a few minutes.
 * All index read-modify-writes run one at a time, fleet-wide, so enqueue's check and complete's hand-over
 * never interleave. Sending is claimed per channel (`claimChannel`), so with several instances delivering,
 * one sends a channel's queue at a time, in order, and an instance that dies mid-send frees it on expiry.
 */
export function createOutboxStore(kv: KeyValue, onCorrupt: CorruptEntryReporter = () => {}): OutboxStore {
  const entryKey = (id: string) => `outbox:alert:${id}`;
  const storyKey = (channelId: string, key: string) => `channel-story:${channelId}:${key}`;
  // One index, edited by every instance sharing the store: each read-modify-write holds its lock.
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => kv.withLock(INDEX_KEY, work);
  const readIndex = async () => checkShape<IndexEntry[]>(outboxIndexShape, INDEX_KEY, await kv.get(INDEX_KEY), onCorrupt) ?? [];
  const readPending = async (channelId?: string): Promise<OutboxEntry[]> => {
    const index = await readIndex();
    const wanted = channelId === undefined ? index : index.filter((e) => e.channelId === undefined || e.channelId === channelId);
    const ordered = [...wanted].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
    const values = await kv.getMany<unknown>(ordered.map((e) => entryKey(e.id)));
    const entries = values.map((value, i) => checkShape<OutboxEntry>(outboxEntryShape, entryKey(ordered[i]?.id ?? ''), value, onCorrupt));
    const unreadable = new Set(ordered.filter((_, i) => entries[i] === undefined).map((e) => e.id));
    // Reported once: an id whose entry is gone or corrupt leaves the index instead of blocking every round.
    if (unreadable.size > 0) await kv.set(INDEX_KEY, index.filter((e) => !unreadable.has(e.id)));
    return entries.filter((e): e is OutboxEntry => e !== undefined && (channelId === undefined || e.alert.channelId === channelId));
  };

  return {
    enqueue: (candidates) =>
      exclusive(async () => {
        const index = await readIndex();
        const keyed = candidates.map((c) => ({ ...c, keys: c.storyKeys.map((k) => storyKey(c.alert.channelId, k.key)) }));
        const done = await kv.getMany<unknown>(keyed.flatMap((c) => c.keys));
        const taken = new Set([...index.map((e) => e.id), ...index.flatMap((e) => e.keys ?? []), ...keyed.flatMap((c) => c.keys).filter((_, i) => done[i] !== undefined)]);
        const accepted = keyed.filter((c) => {
          if (taken.has(c.alert.id) || c.keys.some((k) => taken.has(k))) return false;
          [c.alert.id, ...c.keys].forEach((k) => taken.add(k));
          return true;
        });
        if (accepted.length === 0) return [];
        await kv.setMany(accepted.map(({ alert, storyKeys }) => ({ key: entryKey(alert.id), value: { alert, attempts: 0, storyKeys } satisfies OutboxEntry })));
        const added = accepted.map(({ alert, keys }) => ({ id: alert.id, time: alert.item.published ?? alert.item.firstSeen, keys, channelId: alert.channelId }));
        await kv.set(INDEX_KEY, [...index, ...added]);
        return accepted.map(({ alert }) => alert);
      }),
    pending: () => exclusive(() => readPending()),
    async claimChannel(channelId, ttlMs) {
      const claim = await kv.tryClaim(`outbox:channel:${channelId}`, ttlMs);
      if (!claim) return undefined;
      return {
        entries: () => exclusive(() => readPending(channelId)),
        renew: () => claim.renew(),
        release: () => claim.release(),
      };
    },
    complete: (entries) =>
      exclusive(async () => {
        if (entries.length === 0) return;
        const now = Date.now();
        await kv.setMany(entries.flatMap(({ alert, storyKeys }) => (storyKeys ?? []).map((k) => ({ key: storyKey(alert.channelId, k.key), value: now, ttlMs: k.ttlMs }))));
        const gone = new Set(entries.map((e) => e.alert.id));
        await kv.set(INDEX_KEY, (await readIndex()).filter((e) => !gone.has(e.id)));
        await Promise.all([...gone].map((id) => kv.delete(entryKey(id))));
      }),
    update: (entry) =>
      exclusive(async () => {
        if ((await readIndex()).some((e) => e.id === entry.alert.id)) await kv.set(entryKey(entry.alert.id), entry);
      }),
    count: async () => (await readIndex()).length,
  };
}
