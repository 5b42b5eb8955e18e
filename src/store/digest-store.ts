import type { DigestStory } from '../delivery/digest';
import type { CorruptEntryReporter, KeyValue } from './key-value';
import type { StoryKey } from './outbox-store';
import { checkShape, digestBufferShape, digestSealedShape, digestStateShape } from './stored-shapes';

/** A story waiting for its channel's digest. */
export interface BufferedStory {
  /** The alert id routing gave it: the same story routed again is recognised. */
  id: string;
  story: DigestStory;
  topics: { id: string; name: string; colour: number }[];
  /** Channel-scoped story keys (feed item, canonical link, title fingerprint). */
  keys: StoryKey[];
  mentionRoleId?: string;
}

/** A digest taken out of the buffer at its due time, until its messages are in the outbox. */
export interface SealedDigest {
  guildId: string;
  channelId: string;
  since: string;
  due: string;
  late: boolean;
  stories: BufferedStory[];
  /** Stories that did not fit the buffer's cap; the digest says how many. */
  omitted: number;
}

/**
 * Per-channel digest buffers. Routing adds a digest channel's stories here instead of the outbox; at the
 * due time `seal` moves them, in ONE batch write, into a sealed digest (with the channel's story keys and
 * the new due time), so a crash leaves either the buffer or the sealed digest, never both or neither.
 * The sealed digest's messages then go into the outbox under ids derived from (channel, due, part), which
 * the outbox refuses twice, and only then is it released: a crash between the two redoes an idempotent step.
 */
export interface DigestStore {
  /** Buffers the stories the channel has neither buffered, sealed nor been given; returns how many. */
  add(guildId: string, channelId: string, stories: readonly BufferedStory[]): Promise<number>;
  /** Last due time handled for the channel (undefined: none yet). */
  lastDue(channelId: string): Promise<string | undefined>;
  /**
   * Seals the buffer for `due` unless that due time was already handled; undefined when it was. An empty
   * buffer still advances the due time (nothing is posted for a period without stories).
   */
  seal(input: { guildId: string; channelId: string; since: string; due: string; late: boolean }): Promise<SealedDigest | undefined>;
  sealed(channelId: string): Promise<SealedDigest | undefined>;
  release(channelId: string, due: string): Promise<void>;
  bufferedCount(channelId: string): Promise<number>;
}

/** More than this in one period is not a digest any more; the rest are counted, not listed. */
export const MAX_DIGEST_STORIES = 250;

interface Buffer {
  guildId: string;
  stories: BufferedStory[];
  omitted?: number;
}

export function createDigestStore(kv: KeyValue, onCorrupt: CorruptEntryReporter = () => {}): DigestStore {
  const bufferKey = (channelId: string) => `digest:buffer:${channelId}`;
  const sealedKey = (channelId: string) => `digest:sealed:${channelId}`;
  const stateKey = (channelId: string) => `digest:state:${channelId}`;
  // The outbox's own "channel has this story" keys: a story in a digest blocks instant duplicates and vice versa.
  const doneKey = (channelId: string, key: string) => `channel-story:${channelId}:${key}`;
  const locked = <T>(channelId: string, work: () => Promise<T>) => kv.withLock(`digest:${channelId}`, work);
  const readBuffer = async (channelId: string) => checkShape<Buffer>(digestBufferShape, bufferKey(channelId), await kv.get(bufferKey(channelId)), onCorrupt);
  const readSealed = async (channelId: string) => checkShape<SealedDigest>(digestSealedShape, sealedKey(channelId), await kv.get(sealedKey(channelId)), onCorrupt);
  const readState = async (channelId: string) => checkShape<{ lastDue: string }>(digestStateShape, stateKey(channelId), await kv.get(stateKey(channelId)), onCorrupt);

  return {
    add: (guildId, channelId, stories) =>
      locked(channelId, async () => {
        const buffer = (await readBuffer(channelId)) ?? { guildId, stories: [] };
        const sealed = await readSealed(channelId);
        const held = [...buffer.stories, ...(sealed?.stories ?? [])];
        const taken = new Set([...held.map((s) => s.id), ...held.flatMap((s) => s.keys.map((k) => k.key))]);
        const done = await kv.getMany<unknown>(stories.flatMap((s) => s.keys.map((k) => doneKey(channelId, k.key))));
        const starts = stories.map((_, i) => stories.slice(0, i).reduce((n, s) => n + s.keys.length, 0));
        const fresh = stories.filter((s, i) => {
          const wasDone = s.keys.some((_, k) => done[(starts[i] ?? 0) + k] !== undefined);
          if (wasDone || taken.has(s.id) || s.keys.some((k) => taken.has(k.key))) return false;
          [s.id, ...s.keys.map((k) => k.key)].forEach((k) => taken.add(k));
          return true;
        });
        if (fresh.length === 0) return 0;
        const room = Math.max(0, MAX_DIGEST_STORIES - buffer.stories.length);
        const next: Buffer = { guildId, stories: [...buffer.stories, ...fresh.slice(0, room)], omitted: (buffer.omitted ?? 0) + Math.max(0, fresh.length - room) };
        await kv.set(bufferKey(channelId), next);
        return fresh.length;
      }),
    lastDue: async (channelId) => (await readState(channelId))?.lastDue,
    seal: (input) =>
      locked(input.channelId, async () => {
        const last = (await readState(input.channelId))?.lastDue;
        if (last !== undefined && Date.parse(last) >= Date.parse(input.due)) return undefined;
        // A sealed digest not yet handed to the outbox is finished first (see flush-digests.ts).
        if (await readSealed(input.channelId)) return undefined;
        const buffer = await readBuffer(input.channelId);
        const stories = buffer?.stories ?? [];
        const sealed: SealedDigest = { ...input, stories, omitted: buffer?.omitted ?? 0 };
        const now = Date.now();
        // One batch: sealed digest, emptied buffer and due time first; the story keys after them.
        await kv.setMany([
          ...(stories.length > 0 ? [{ key: sealedKey(input.channelId), value: sealed }] : []),
          { key: bufferKey(input.channelId), value: { guildId: input.guildId, stories: [] } satisfies Buffer },
          { key: stateKey(input.channelId), value: { lastDue: input.due } },
          ...stories.flatMap((s) => s.keys.map((k) => ({ key: doneKey(input.channelId, k.key), value: now, ttlMs: k.ttlMs }))),
        ]);
        return sealed;
      }),
    sealed: readSealed,
    release: (channelId, due) =>
      locked(channelId, async () => {
        if ((await readSealed(channelId))?.due === due) await kv.delete(sealedKey(channelId));
      }),
    bufferedCount: async (channelId) => (await readBuffer(channelId))?.stories.length ?? 0,
  };
}
