import type { BotDeps, StatusReport } from '../discord/bot-deps';
import { statusCommands } from '../discord/commands/status';
import { toReplyPayload } from '../discord/interactions/reply-payload';
import type { PreviewMessage } from './render-message-html';

/**
 * What `/status` replies for `report`, produced by the command's own handler (not a copy of its
 * formatting), so the picture changes when the command does. The handler reads only `deps.status`.
 */
export async function statusReply(report: StatusReport, now: Date): Promise<PreviewMessage> {
  const route = statusCommands.commands.find((c) => c.command === 'status' && c.subcommand === undefined);
  if (!route) throw new Error('the /status command has no handler');
  const deps = { status: async () => report } as Partial<BotDeps> as BotDeps;
  const reply = await route.run({ deps, guildId: 'preview', now, interaction: undefined as never }, {});
  const payload = toReplyPayload(reply);
  return { content: payload.content, embeds: payload.embeds };
}
