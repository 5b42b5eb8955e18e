import type { Alert } from '../alerts/alert';
import type { KeyValue } from './key-value';

/** An alert waiting to be posted, with its delivery attempts so far. */
export interface OutboxEntry {
  alert: Alert;
  attempts: number;
  /** ISO time before which the entry is not retried (back-off after a failed send). */
  notBefore?: string;
  lastError?: string;
}

/**
 * Alerts recorded durably before they are sent and removed once Discord accepted them, so a crash or an
 * outage loses nothing. Each channel also remembers which stories it was given (`storyKeys`), so the same
 * story is queued for a channel at most once, whichever feed brought it.
 */
export interface OutboxStore {
  /** Queues the alerts not yet given to their channel; returns those queued. */
  enqueue(alerts: readonly { alert: Alert; storyKeys: StoryKey[] }[]): Promise<Alert[]>;
  pending(): Promise<OutboxEntry[]>;
  remove(alertIds: readonly string[]): Promise<void>;
  update(entry: OutboxEntry): Promise<void>;
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
}

const INDEX_KEY = 'outbox:index';

export function createOutboxStore(kv: KeyValue): OutboxStore {
  const entryKey = (id: string) => `outbox:alert:${id}`;
  const storyKey = (channelId: string, key: string) => `channel-story:${channelId}:${key}`;
  // The index is one document; serialising its read-modify-writes keeps concurrent callers from losing ids.
  let indexQueue: Promise<unknown> = Promise.resolve();
  const editIndex = <T>(edit: (index: IndexEntry[]) => { index: IndexEntry[]; result: T }): Promise<T> => {
    const run = indexQueue.catch(() => {}).then(async () => {
      const { index, result } = edit((await kv.get<IndexEntry[]>(INDEX_KEY)) ?? []);
      await kv.set(INDEX_KEY, index);
      return result;
    });
    indexQueue = run;
    return run;
  };

  return {
    async enqueue(candidates) {
      const flags = await kv.getMany<number>(candidates.flatMap(({ alert, storyKeys }) => storyKeys.map((k) => storyKey(alert.channelId, k.key))));
      let offset = 0;
      const fresh = candidates.filter(({ storyKeys }) => {
        const known = flags.slice(offset, offset + storyKeys.length).some((v) => v !== undefined);
        offset += storyKeys.length;
        return !known;
      });
      const accepted = dedupeWithinBatch(fresh);
      // Entries first, then the index: a crash in between leaves an orphan entry, never an index pointing nowhere.
      await Promise.all(accepted.map(({ alert }) => kv.set(entryKey(alert.id), { alert, attempts: 0 } satisfies OutboxEntry)));
      await editIndex((index) => {
        const known = new Set(index.map((e) => e.id));
        const added = accepted.filter(({ alert }) => !known.has(alert.id)).map(({ alert }) => ({ id: alert.id, time: alert.item.published ?? alert.item.firstSeen }));
        return { index: [...index, ...added], result: undefined };
      });
      const now = Date.now();
      await Promise.all(accepted.flatMap(({ alert, storyKeys }) => storyKeys.map((k) => kv.set(storyKey(alert.channelId, k.key), now, k.ttlMs))));
      return accepted.map(({ alert }) => alert);
    },
    async pending() {
      const index = (await kv.get<IndexEntry[]>(INDEX_KEY)) ?? [];
      const ordered = [...index].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
      const entries = await kv.getMany<OutboxEntry>(ordered.map((e) => entryKey(e.id)));
      return entries.filter((e): e is OutboxEntry => e !== undefined && typeof e.alert?.channelId === 'string');
    },
    async remove(alertIds) {
      const gone = new Set(alertIds);
      await editIndex((index) => ({ index: index.filter((e) => !gone.has(e.id)), result: undefined }));
      await Promise.all(alertIds.map((id) => kv.delete(entryKey(id))));
    },
    update: (entry) => kv.set(entryKey(entry.alert.id), entry),
  };
}

/** The same story from two feeds in one poll: the first candidate per channel wins. */
function dedupeWithinBatch<T extends { alert: Alert; storyKeys: StoryKey[] }>(candidates: readonly T[]): T[] {
  const claimed = new Set<string>();
  return candidates.filter(({ alert, storyKeys }) => {
    const keys = storyKeys.map((k) => `${alert.channelId}:${k.key}`);
    if (keys.some((k) => claimed.has(k))) return false;
    keys.forEach((k) => claimed.add(k));
    return true;
  });
}
