import type { Alert } from '../delivery/alert';
import type { StatusReport } from '../discord/bot-deps';
import { formatAlertMessage } from '../discord/format-alert';
import { renderMessageHtml, type MessageFrame, type PreviewMessage } from './render-message-html';
import { renderPreviewPage } from './render-preview-page';
import type { MarkdownContext } from './render-discord-markdown';
import { statusReply } from './status-reply';

/** A rendered preview: the page to save, the same page with its height script, and its width. */
export interface PreviewDocument {
  html: string;
  measureHtml: string;
  widthPx: number;
}

export const BOT_NAME = 'Rare Earth Radar';
/** The width of `.chat` in the stylesheet: a Discord window's message column. */
const CHAT_WIDTH_PX = 720;

/** The alert exactly as the bot would post it: the payload comes from formatAlertMessage itself. */
export function renderAlertPreview(alert: Alert, ctx: MarkdownContext): PreviewDocument {
  const message = formatAlertMessage(alert);
  return toDocument(`Alert preview — ${alert.item.title}`, { content: message.content, embeds: message.embeds }, { botName: BOT_NAME, sentAt: ctx.now }, ctx);
}

/** A digest message exactly as the bot would post it (formatAlertMessage turns a digest part into its message). */
export function renderDigestPreview(digest: Alert, ctx: MarkdownContext): PreviewDocument {
  const message = formatAlertMessage(digest);
  return toDocument('Digest preview', { content: message.content, embeds: message.embeds }, { botName: BOT_NAME, sentAt: ctx.now }, ctx);
}

/** `/status` as the asking admin sees it: an ephemeral reply under "… used /status". */
export async function renderStatusPreview(report: StatusReport, ctx: MarkdownContext): Promise<PreviewDocument> {
  const message = await statusReply(report, ctx.now);
  const frame: MessageFrame = { botName: BOT_NAME, sentAt: ctx.now, interaction: { user: 'admin', command: 'status' }, ephemeral: true };
  return toDocument('/status preview', message, frame, ctx);
}

function toDocument(title: string, message: PreviewMessage, frame: MessageFrame, ctx: MarkdownContext): PreviewDocument {
  const body = renderMessageHtml(message, frame, ctx);
  return { html: renderPreviewPage({ title, body }), measureHtml: renderPreviewPage({ title, body, measure: true }), widthPx: CHAT_WIDTH_PX };
}
