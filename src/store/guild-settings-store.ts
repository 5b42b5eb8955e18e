import { emptyGuildSettings, type GuildSettings } from '../guilds/guild-settings';
import type { CorruptEntryReporter, KeyValue } from './key-value';
import { checkShape, guildSettingsShape, stringListShape } from './stored-shapes';

export interface GuildSettingsStore {
  get(guildId: string): Promise<GuildSettings>;
  /** Read-modify-write of one server's settings; edits of the same server never interleave. */
  update<T>(guildId: string, edit: (settings: GuildSettings) => { settings: GuildSettings; result: T }): Promise<T>;
  /** Every server that has settings, for routing and polling. */
  all(): Promise<GuildSettings[]>;
}

const INDEX_KEY = 'guilds:index';

/**
 * A server document of the wrong shape is reported and read as empty settings, so one bad document
 * neither stops routing for every other server nor fails every poll.
 */
export function createGuildSettingsStore(kv: KeyValue, onCorrupt: CorruptEntryReporter = () => {}): GuildSettingsStore {
  const storeKey = (guildId: string) => `guild:${guildId}`;
  const checked = (key: string, value: unknown) => checkShape<GuildSettings>(guildSettingsShape, key, value, onCorrupt);
  const readIndex = async () => checkShape<string[]>(stringListShape, INDEX_KEY, await kv.get(INDEX_KEY), onCorrupt) ?? [];
  const read = async (guildId: string) => checked(storeKey(guildId), await kv.get(storeKey(guildId))) ?? emptyGuildSettings(guildId);
  // Locked by name, so edits made on several instances sharing one Redis never lose each other.
  const addToIndex = async (guildId: string) => {
    if ((await readIndex()).includes(guildId)) return; // the usual case: no lock needed
    await kv.withLock(INDEX_KEY, async () => {
      const ids = await readIndex();
      if (!ids.includes(guildId)) await kv.set(INDEX_KEY, [...ids, guildId]);
    });
  };

  return {
    get: read,
    async update(guildId, edit) {
      const result = await kv.withLock(storeKey(guildId), async () => {
        const next = edit(await read(guildId));
        await kv.set(storeKey(guildId), next.settings);
        return next.result;
      });
      await addToIndex(guildId);
      return result;
    },
    async all() {
      const ids = await readIndex();
      const values = await kv.getMany<unknown>(ids.map(storeKey));
      return values.map((v, i) => checked(storeKey(ids[i] ?? ''), v)).filter((v): v is GuildSettings => v !== undefined);
    },
  };
}
