import type { BotDeps, StatusReport } from '../discord/bot-deps';
import { renderListPage } from '../discord/commands/paged-list';
import { statusCommands } from '../discord/commands/status';
import { toReplyPayload } from '../discord/interactions/reply-payload';
import type { PreviewMessage } from './render-message-html';

/**
 * What `/status` replies for `report`, produced by the command's own list and paging (not a copy of its
 * formatting), so the picture changes when the command does. Its first page; buttons are not drawn.
 */
export async function statusReply(report: StatusReport, now: Date): Promise<PreviewMessage> {
  const list = statusCommands.lists.find((l) => l.kind === 'status');
  if (!list) throw new Error('the /status command has no list');
  const deps = { status: async () => report } as Partial<BotDeps> as BotDeps;
  // The status list reads only deps.status; it never looks at the server.
  const view = await list.view({ deps, guildId: 'preview', now, guild: undefined as never }, undefined);
  const payload = toReplyPayload(typeof view === 'string' ? view : renderListPage(list.kind, view));
  return { content: payload.content || undefined, embeds: payload.embeds };
}
