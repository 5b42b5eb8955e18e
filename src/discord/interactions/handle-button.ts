import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { UserError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { BotDeps } from '../bot-deps';
import { parsePageCustomId, renderListPage } from '../commands/paged-list';
import { parseAlertButtonId } from '../format/alert-buttons';
import { handleAlertButton } from './handle-alert-button';
import type { CommandTable, Reply } from './command-route';
import { toReplyPayload } from './reply-payload';

export const STALE_BUTTON = 'This button no longer works; run the command again.';
export const NOT_YOUR_LIST = 'Only the person who ran this command can turn its pages; run it yourself to browse.';

/**
 * A click on an alert's button (mute its topic, why it was sent) goes to handleAlertButton.
 * A click on a list's Previous/Next: the list is built again from the store and the message updated in
 * place (UPDATE_MESSAGE). Anything that stops that — an unknown or stale button, someone else's list, a
 * topic removed since — is answered in a new ephemeral message and leaves the page as it was.
 */
export async function handleButton(interaction: ButtonInteraction, deps: BotDeps, table: CommandTable, log: Logger, genericFailure: string): Promise<void> {
  const alertButton = parseAlertButtonId(interaction.customId);
  if (alertButton) return handleAlertButton(interaction, alertButton, deps, log, genericFailure);
  let update: Reply;
  try {
    update = await pageFor(interaction, deps, table);
  } catch (error: unknown) {
    if (!(error instanceof UserError)) log.error({ err: error }, 'button failed');
    const message = error instanceof UserError ? error.message : genericFailure;
    return answer(log, () => interaction.reply({ ...toReplyPayload(message), flags: MessageFlags.Ephemeral }));
  }
  await answer(log, () => interaction.update(toReplyPayload(update)));
}

async function pageFor(interaction: ButtonInteraction, deps: BotDeps, table: CommandTable): Promise<Reply> {
  const target = parsePageCustomId(interaction.customId);
  const list = target && table.lists.find((l) => l.kind === target.kind);
  if (!target || !list || !interaction.inCachedGuild()) throw new UserError(STALE_BUTTON);
  // Lists are ephemeral, so only their invoker sees the buttons; this holds should one ever be public.
  const owner = interaction.message.interactionMetadata?.user.id;
  if (owner !== undefined && owner !== interaction.user.id) throw new UserError(NOT_YOUR_LIST);
  const view = await list.view({ guild: interaction.guild, deps, guildId: interaction.guildId, now: deps.now() }, target.filter);
  return typeof view === 'string' ? view : renderListPage(list.kind, view, target.page);
}

async function answer(log: Logger, send: () => Promise<unknown>): Promise<void> {
  try {
    await send();
  } catch (error: unknown) {
    log.warn({ err: error }, 'could not answer the button (the interaction may have expired)');
  }
}
