import { REST, Routes, type APIApplication } from 'discord.js';
import { registerCommands } from './commands/register-commands';

/**
 * Registers the slash commands over REST alone (no gateway login): globally, or in one server, where
 * Discord shows them at once — the quick path while trying the bot out.
 */
export async function registerCommandsWithToken(options: { token: string; apiUrl?: string; guildId?: string }): Promise<{ count: number; applicationId: string }> {
  const rest = new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token);
  const application = (await rest.get(Routes.currentApplication())) as APIApplication;
  const registered = await registerCommands(rest, application.id, options.guildId);
  return { count: registered.length, applicationId: application.id };
}
