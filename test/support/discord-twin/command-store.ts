import type { SnowflakeGenerator } from './snowflake';

export type StoredCommand = Record<string, unknown> & { id: string; name: string; type: number };

export interface CommandStore {
  /** Bulk overwrite; commands keep their id when a command of the same name and type existed. */
  overwrite(guildId: string | null, definitions: Record<string, unknown>[]): StoredCommand[];
  list(guildId: string | null): StoredCommand[];
  /** The guild command of that name, else the global one. */
  findChatInput(name: string, guildId: string): StoredCommand | undefined;
  view(): { global: StoredCommand[]; guild: Map<string, StoredCommand[]> };
}

export function createCommandStore(ids: SnowflakeGenerator, applicationId: string): CommandStore {
  let global: StoredCommand[] = [];
  const byGuild = new Map<string, StoredCommand[]>();
  const list = (guildId: string | null): StoredCommand[] => (guildId === null ? global : (byGuild.get(guildId) ?? []));

  return {
    overwrite(guildId, definitions) {
      const previous = list(guildId);
      const stored = definitions.map((definition) => {
        const type = typeof definition.type === 'number' ? definition.type : 1;
        const name = String(definition.name);
        const kept = previous.find((command) => command.name === name && command.type === type);
        return {
          default_member_permissions: null,
          nsfw: false,
          contexts: null,
          integration_types: [0],
          options: [],
          ...definition,
          type,
          name,
          id: kept?.id ?? ids.next(),
          application_id: applicationId,
          version: ids.next(),
          ...(guildId === null ? {} : { guild_id: guildId }),
        };
      });
      if (guildId === null) global = stored;
      else byGuild.set(guildId, stored);
      return stored;
    },
    list,
    findChatInput(name, guildId) {
      const match = (command: StoredCommand): boolean => command.name === name && command.type === 1;
      return list(guildId).find(match) ?? global.find(match);
    },
    view: () => ({ global: [...global], guild: new Map(byGuild) }),
  };
}
