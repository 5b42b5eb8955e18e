import type { CorruptEntryReporter, KeyValue } from './key-value';
import { indexScore, outboxKeys } from './outbox-keys';
import type { OutboxEntry } from './outbox-store';
import { checkShape, outboxEntryShape, outboxIndexShape } from './stored-shapes';

/** Where earlier versions kept the whole outbox index, as one JSON document. */
const LEGACY_INDEX_KEY = 'outbox:index';

/**
 * Moves alerts a previous version left in its one-document index to the sorted index, then deletes the
 * document. Runs under the outbox lock before every operation; costs one read once it is done. Written so
 * a crash at any point leaves the document in place and the move is simply done again.
 */
export async function migrateLegacyIndex(kv: KeyValue, onCorrupt: CorruptEntryReporter): Promise<void> {
  const raw = await kv.get<unknown>(LEGACY_INDEX_KEY);
  if (raw === undefined) return;
  const lines = checkShape<{ id: string; keys?: string[] }[]>(outboxIndexShape, LEGACY_INDEX_KEY, raw, onCorrupt) ?? [];
  const values = await kv.getMany<unknown>(lines.map((line) => outboxKeys.entry(line.id)));
  const entries = values
    .map((value, i) => checkShape<OutboxEntry>(outboxEntryShape, outboxKeys.entry(lines[i]!.id), value, onCorrupt))
    .filter((entry): entry is OutboxEntry => entry !== undefined);
  const channels = [...new Set(entries.map((entry) => entry.alert.channelId))];
  await kv.index.add(outboxKeys.channels, channels.map((member) => ({ member, score: 0 })));
  for (const channelId of channels) {
    const members = entries.filter((e) => e.alert.channelId === channelId).map((e, i) => ({ member: e.alert.id, score: indexScore(e.alert, i) }));
    await kv.index.add(outboxKeys.channelIndex(channelId), members);
  }
  // The document's lines blocked their stories while pending (the oldest entries carry no keys of their
  // own, their lines do): the markers take that over.
  const lineKeys = new Map(lines.map((line) => [line.id, line.keys ?? []]));
  const storyKeysOf = ({ alert, storyKeys }: OutboxEntry) => (storyKeys ? storyKeys.map((k) => outboxKeys.story(alert.channelId, k.key)) : (lineKeys.get(alert.id) ?? []));
  await kv.setMany(entries.flatMap((entry) => storyKeysOf(entry).map((key) => ({ key, value: { pending: entry.alert.id } }))));
  await kv.delete(LEGACY_INDEX_KEY);
}
