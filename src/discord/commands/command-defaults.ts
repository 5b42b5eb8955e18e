import { ApplicationIntegrationType, InteractionContextType, PermissionFlagsBits } from 'discord-api-types/v10';
import type { Edit } from '../../guilds/edit-subscriptions';
import type { GuildSettings } from '../../guilds/guild-settings';
import type { BotDeps } from '../bot-deps';
import type { CommandTable } from '../interactions/command-route';

/** Every command is per server: settings are stored per guild, so a DM has nothing to act on. */
export const GUILD_ONLY = {
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  dm_permission: false,
};

/** `default_member_permissions` for commands that only change settings (Discord wants the bit set as a string). */
export const MANAGE_GUILD = PermissionFlagsBits.ManageGuild.toString();

/** Runs a pure settings edit inside the store's per-server queue; a UserError it throws leaves nothing stored. */
export function editSettings(deps: BotDeps, guildId: string, edit: (settings: GuildSettings) => Edit): Promise<string> {
  return deps.guilds.update(guildId, (settings) => {
    const { settings: next, message } = edit(settings);
    return { settings: next, result: message };
  });
}

/** One file's commands; the table is their concatenation. */
export type CommandGroup = CommandTable;

export function mergeGroups(groups: readonly CommandGroup[]): CommandTable {
  return {
    definitions: groups.flatMap((g) => g.definitions),
    commands: groups.flatMap((g) => g.commands),
    autocompletes: groups.flatMap((g) => g.autocompletes),
    lists: groups.flatMap((g) => g.lists),
  };
}
