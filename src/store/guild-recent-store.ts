import { boundKey } from '../stories/story-keys';
import type { CorruptEntryReporter, KeyValue } from './key-value';
import type { RecentMatch } from './recent-matches-store';
import { checkShape, guildRecentShape, recentMatchShape } from './stored-shapes';

/**
 * Per server, the stories it was routed — all of them, and per topic — so /recent answers from what THIS
 * server received however many other servers' stories go by, and a quiet topic's stories are not pushed
 * out by a busy one's. Each item is kept once (not once per server); the lists hold references.
 */
export interface GuildRecentStore {
  /** Keeps the items and the lists (see `recentListName`) they join: one read and one write for the whole batch. */
  record(items: readonly RecentMatch[], lists: ReadonlyMap<string, readonly RecentMatch[]>, now: number): Promise<void>;
  /** A list's stories of the last 8 days, oldest first. */
  list(name: string): Promise<RecentMatch[]>;
}

/** A server's list of all its stories, or of one topic's. */
export function recentListName(guildId: string, topicId?: string): string {
  return topicId === undefined ? guildId : `${guildId}:topic:${topicId}`;
}

/** A server's list: enough for /recent's ten after its filters; a topic's: ten and room. Small enough to rewrite each poll. */
export const MAX_GUILD_RECENT = 60;
const MAX_TOPIC_RECENT = 20;
const TTL_MS = 8 * 86_400_000;

interface GuildRef {
  storyId: string;
  itemKey: string;
  at: number;
}

const guildKey = (name: string) => boundKey(`recent-guild:${name}`);
const itemDocKey = (itemKey: string) => boundKey(`recent-item:${itemKey}`);

export function createGuildRecentStore(kv: KeyValue, onCorrupt: CorruptEntryReporter = () => {}): GuildRecentStore {
  const refsOf = (name: string, value: unknown): GuildRef[] => {
    const list = Array.isArray(value) ? value : [];
    return list.flatMap((entry, i) => checkShape<GuildRef>(guildRecentShape, `${guildKey(name)}[${i}]`, entry, onCorrupt) ?? []);
  };
  return {
    async record(items, lists, now) {
      if (lists.size === 0) return;
      const names = [...lists.keys()];
      // Best effort across a fleet: two instances writing one server's list at once may lose a line of /recent, never an alert.
      const current = await kv.getMany<unknown>(names.map(guildKey));
      const written = names.map((name, i) => {
        const known = refsOf(name, current[i]).filter((r) => r.at >= now - TTL_MS);
        const stories = new Set(known.map((r) => r.storyId));
        const added = (lists.get(name) ?? []).filter((m) => !stories.has(m.storyId) && stories.add(m.storyId));
        const refs = [...known, ...added.map((m): GuildRef => ({ storyId: m.storyId, itemKey: itemKeyOf(m), at: m.at }))];
        return { key: guildKey(name), value: refs.slice(name.includes(':topic:') ? -MAX_TOPIC_RECENT : -MAX_GUILD_RECENT), ttlMs: TTL_MS };
      });
      await kv.setMany([...items.map((m) => ({ key: itemDocKey(itemKeyOf(m)), value: m, ttlMs: TTL_MS })), ...written]);
    },
    async list(name) {
      const refs = refsOf(name, await kv.get<unknown>(guildKey(name)));
      const docs = await kv.getMany<unknown>(refs.map((r) => itemDocKey(r.itemKey)));
      return refs.flatMap((r, i) => checkShape<RecentMatch>(recentMatchShape, itemDocKey(r.itemKey), docs[i], onCorrupt) ?? []);
    },
  };
}

function itemKeyOf(match: RecentMatch): string {
  return `${match.item.feedId}:${match.item.id}`;
}
