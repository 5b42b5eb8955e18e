import type { REST } from 'discord.js';
import type { CommandDefinition } from './interactions/command-args';
import { commandsChanged, fetchCommands, registerCommands } from './commands/register-commands';

/**
 * Registers the slash commands only when Discord's copy differs from ours: a bulk overwrite on every start
 * would be harmless but wasteful, and global command updates take time to reach every client.
 */
export async function ensureCommandsRegistered(rest: REST, applicationId: string, definitions: readonly CommandDefinition[], guildId?: string): Promise<boolean> {
  if (!commandsChanged(await fetchCommands(rest, applicationId, guildId), definitions)) return false;
  await registerCommands(rest, applicationId, guildId, definitions);
  return true;
}
