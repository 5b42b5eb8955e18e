import { UserError } from '../shared/errors';
import { EXIT_OK, type CliContext } from './cli-context';

/** `register-commands [--guild ID]`: needs DISCORD_TOKEN; DISCORD_API_URL is honoured like `start`. */
export async function registerCommandsCommand(ctx: CliContext): Promise<number> {
  const token = ctx.env.discordToken;
  if (!token) throw new UserError('DISCORD_TOKEN is not set: register-commands needs the bot token.');
  const guildId = typeof ctx.flags.guild === 'string' ? ctx.flags.guild.trim() : undefined;
  if (guildId !== undefined && !/^\d{17,20}$/.test(guildId)) throw new UserError(`--guild must be a server id (17–20 digits), not "${guildId}".`);
  const { registerCommandsWithToken } = await import('../discord/register-with-token.js');
  const { count } = await registerCommandsWithToken({ token, apiUrl: ctx.env.discordApiUrl, guildId });
  ctx.stdout(`Registered ${count} slash commands ${guildId ? `in server ${guildId} (visible at once)` : 'globally (Discord may take a while to show changes)'}.`);
  return EXIT_OK;
}
