import { MessageFlags, type ButtonInteraction } from 'discord.js';
import type { AlertWhy } from '../../delivery/alert-why';
import { mute } from '../../guilds/edit-mutes';
import { guildRuleId } from '../../guilds/guild-settings';
import { UserError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { BotDeps } from '../bot-deps';
import { editSettings } from '../commands/command-defaults';
import { rulesFor } from '../commands/rule-lines';
import { catalogOf, requireTopic } from '../commands/topic-options';
import { MUTE_HOURS, type AlertButton } from '../format/alert-buttons';
import { escapeFeedMarkdown } from '../format/escape-feed-markdown';
import { hasManageGuild } from './require-manage-guild';
import { toReplyPayload } from './reply-payload';

export const MUTE_NEEDS_MANAGE_GUILD = 'Only members with the Manage Server permission can mute a topic. Ask one of them, or use /mutes to see what is muted.';
export const WHY_FORGOTTEN = 'I no longer remember why this alert was sent: the record is kept only while its story is remembered (about a month).';
const NOT_IN_SERVER = 'These buttons work only in a server I am in.';

/**
 * A click on an alert's button. Everything comes from the custom id and the store, so a button keeps
 * working after a restart. Both answer ephemerally: only the person who clicked sees the reply.
 */
export async function handleAlertButton(interaction: ButtonInteraction, button: AlertButton, deps: BotDeps, log: Logger, genericFailure: string): Promise<void> {
  let reply: string;
  try {
    if (!interaction.inCachedGuild()) throw new UserError(NOT_IN_SERVER);
    reply = button.kind === 'mute' ? await muteFromButton(interaction, button.topicId, deps, log) : await explain(interaction.guildId, button.whyKey, deps);
  } catch (error: unknown) {
    if (!(error instanceof UserError)) log.error({ err: error }, 'alert button failed');
    reply = error instanceof UserError ? error.message : genericFailure;
  }
  try {
    await interaction.reply({ ...toReplyPayload(reply), flags: MessageFlags.Ephemeral });
  } catch (error: unknown) {
    log.warn({ err: error }, 'could not answer the button (the interaction may have expired)');
  }
}

/** Exactly `/mute topic:<t> duration:24h`: the same permission, the same edit, the same answer. */
async function muteFromButton(interaction: ButtonInteraction<'cached'>, topicId: string, deps: BotDeps, log: Logger): Promise<string> {
  if (!hasManageGuild(interaction.memberPermissions)) throw new UserError(MUTE_NEEDS_MANAGE_GUILD);
  const now = deps.now();
  const message = await editSettings(deps, interaction.guildId, (settings) => mute(settings, requireTopic(catalogOf(deps, settings), topicId), `${MUTE_HOURS}h`, now));
  try {
    deps.onSettingsChanged();
  } catch (error: unknown) {
    log.error({ err: error }, 'onSettingsChanged failed');
  }
  return message;
}

async function explain(guildId: string, whyKey: string, deps: BotDeps): Promise<string> {
  const why = await deps.alertWhy?.(whyKey);
  // A record of another server's alert is never shown here (a custom id can be forged by a client).
  if (!why || why.guildId !== guildId) throw new UserError(WHY_FORGOTTEN);
  const rules = rulesFor(deps.builtInRules, await deps.guilds.get(guildId));
  return describe(why, (ruleId) => rules.find((r) => r.id === ruleId || (r.guildId !== undefined && guildRuleId(r.guildId, r.id) === ruleId)));
}

function describe(why: AlertWhy, findRule: (id: string) => { id: string; expression: string } | undefined): string {
  // Feed text is escaped as in the alert itself: a headline cannot break the link or format the answer.
  const title = escapeFeedMarkdown(why.title) || 'Untitled story';
  const lines = [`**Why this alert was sent:** ${why.link ? `[${title}](<${why.link}>)` : title}`, `Source: **${escapeFeedMarkdown(why.feedName)}** (feed \`${why.feedId}\`)`];
  for (const topic of why.topics) {
    const terms = topic.terms.length > 0 ? topic.terms.map((t) => `\`${t}\``).join(', ') : 'none recorded';
    lines.push(`• Topic **${topic.name}**: matched ${terms}`);
    for (const ruleId of topic.ruleIds) {
      const rule = findRule(ruleId);
      lines.push(rule ? `  rule \`${rule.id}\`: \`${rule.expression}\`` : `  rule \`${ruleId}\` (since removed)`);
    }
  }
  return lines.join('\n');
}
