import { MessageFlags, type AutocompleteInteraction, type ButtonInteraction, type ChatInputCommandInteraction, type Interaction } from 'discord.js';
import { UserError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { BotDeps } from '../bot-deps';
import { MAX_CHOICES } from '../commands/topic-options';
import { readArgs } from './command-args';
import type { Choice, CommandTable, Reply } from './command-route';
import { handleButton } from './handle-button';
import { requireManageGuild } from './require-manage-guild';
import { toReplyPayload } from './reply-payload';

export const GENERIC_FAILURE = 'Something went wrong on our side; nothing was changed.';
const NOT_IN_SERVER = 'Use these commands in a server I am in.';

/**
 * The one entry point for interactions (the client's `interactionCreate` listener). It never rejects:
 * a UserError's message goes back to the user, anything else is logged with its stack and answered
 * with a generic apology, and a reply that cannot be sent (the interaction expired) is only logged.
 * `table` (commands/definitions.ts's COMMAND_TABLE) comes from the composition root, like every other dependency.
 */
export async function handleInteraction(interaction: Interaction, deps: BotDeps, table: CommandTable): Promise<void> {
  try {
    if (interaction.isChatInputCommand()) await runCommand(interaction, deps, table);
    else if (interaction.isAutocomplete()) await runAutocomplete(interaction, deps, table);
    else if (interaction.isButton()) await runButton(interaction, deps, table);
  } catch (error: unknown) {
    deps.logger.error({ err: error, interactionId: interaction.id }, 'interaction handler failed');
  }
}

function loggerFor(interaction: ChatInputCommandInteraction | AutocompleteInteraction, deps: BotDeps): Logger {
  const subcommand = interaction.options.getSubcommand(false);
  const command = subcommand ? `${interaction.commandName} ${subcommand}` : interaction.commandName;
  return deps.logger.child({ command, guildId: interaction.guildId, userId: interaction.user.id, interactionId: interaction.id });
}

async function runCommand(interaction: ChatInputCommandInteraction, deps: BotDeps, table: CommandTable): Promise<void> {
  const log = loggerFor(interaction, deps);
  let reply: Reply;
  try {
    reply = await produceReply(interaction, deps, table, log);
  } catch (error: unknown) {
    if (error instanceof UserError) {
      reply = error.message;
    } else {
      log.error({ err: error }, 'command failed');
      reply = GENERIC_FAILURE;
    }
  }
  await sendReply(interaction, reply, log);
}

async function produceReply(interaction: ChatInputCommandInteraction, deps: BotDeps, table: CommandTable, log: Logger): Promise<Reply> {
  if (!interaction.inCachedGuild()) throw new UserError(NOT_IN_SERVER);
  const subcommand = interaction.options.getSubcommand(false) ?? undefined;
  const route = table.commands.find((r) => r.command === interaction.commandName && r.subcommand === subcommand);
  if (!route) throw new UserError('That command no longer exists; Discord may still be showing an old list.');
  if (route.changesSettings) requireManageGuild(interaction.memberPermissions);
  // Every handler reads the store (or resolves DNS): acknowledge first so Discord's 3-second window is always met.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const reply = await route.run({ interaction, deps, guildId: interaction.guildId, now: deps.now() }, readArgs(interaction.options.data));
  if (route.changesSettings) notifySettingsChanged(deps, log);
  return reply;
}

function notifySettingsChanged(deps: BotDeps, log: Logger): void {
  try {
    deps.onSettingsChanged();
  } catch (error: unknown) {
    // The change is stored; the next poll would pick it up after a restart at worst. Never tell the user it failed.
    log.error({ err: error }, 'onSettingsChanged failed');
  }
}

async function sendReply(interaction: ChatInputCommandInteraction, reply: Reply, log: Logger): Promise<void> {
  const payload = toReplyPayload(reply);
  try {
    if (interaction.deferred || interaction.replied) await interaction.editReply(payload);
    else await interaction.reply({ ...payload, flags: MessageFlags.Ephemeral });
  } catch (error: unknown) {
    log.warn({ err: error }, 'could not answer the command (the interaction may have expired)');
  }
}

async function runAutocomplete(interaction: AutocompleteInteraction, deps: BotDeps, table: CommandTable): Promise<void> {
  const log = loggerFor(interaction, deps);
  let choices: Choice[] = [];
  try {
    if (interaction.inCachedGuild()) {
      const focused = interaction.options.getFocused(true);
      const subcommand = interaction.options.getSubcommand(false) ?? undefined;
      const route = table.autocompletes.find(
        (r) => r.command === interaction.commandName && r.subcommand === subcommand && r.option === focused.name,
      );
      if (route) choices = await route.suggest({ interaction, deps, guildId: interaction.guildId }, String(focused.value));
    }
  } catch (error: unknown) {
    log.error({ err: error }, 'autocomplete failed');
  }
  try {
    await interaction.respond(choices.slice(0, MAX_CHOICES));
  } catch (error: unknown) {
    log.warn({ err: error }, 'could not answer the autocomplete (the interaction may have expired)');
  }
}

function runButton(interaction: ButtonInteraction, deps: BotDeps, table: CommandTable): Promise<void> {
  const log = deps.logger.child({ customId: interaction.customId, guildId: interaction.guildId, userId: interaction.user.id, interactionId: interaction.id });
  return handleButton(interaction, deps, table, log, GENERIC_FAILURE);
}
