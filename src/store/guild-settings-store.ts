import { emptyGuildSettings, type GuildSettings } from '../guilds/guild-settings';
import type { KeyValue } from './key-value';

export interface GuildSettingsStore {
  get(guildId: string): Promise<GuildSettings>;
  /** Read-modify-write of one server's settings; edits of the same server never interleave. */
  update<T>(guildId: string, edit: (settings: GuildSettings) => { settings: GuildSettings; result: T }): Promise<T>;
  /** Every server that has settings, for routing and polling. */
  all(): Promise<GuildSettings[]>;
}

const INDEX_KEY = 'guilds:index';

export function createGuildSettingsStore(kv: KeyValue): GuildSettingsStore {
  const storeKey = (guildId: string) => `guild:${guildId}`;
  const queues = new Map<string, Promise<unknown>>();
  let indexQueue: Promise<unknown> = Promise.resolve();

  const read = async (guildId: string) => (await kv.get<GuildSettings>(storeKey(guildId))) ?? emptyGuildSettings(guildId);
  const addToIndex = (guildId: string) => {
    indexQueue = indexQueue.then(async () => {
      const ids = (await kv.get<string[]>(INDEX_KEY)) ?? [];
      if (!ids.includes(guildId)) await kv.set(INDEX_KEY, [...ids, guildId]);
    });
    return indexQueue;
  };

  return {
    get: read,
    update(guildId, edit) {
      const previous = queues.get(guildId) ?? Promise.resolve();
      const next = previous.catch(() => {}).then(async () => {
        const { settings, result } = edit(await read(guildId));
        await kv.set(storeKey(guildId), settings);
        await addToIndex(guildId);
        return result;
      });
      queues.set(guildId, next);
      void next.finally(() => {
        if (queues.get(guildId) === next) queues.delete(guildId);
      }).catch(() => {});
      return next;
    },
    async all() {
      const ids = (await kv.get<string[]>(INDEX_KEY)) ?? [];
      const values = await kv.getMany<GuildSettings>(ids.map(storeKey));
      return values.filter((v): v is GuildSettings => v !== undefined);
    },
  };
}
