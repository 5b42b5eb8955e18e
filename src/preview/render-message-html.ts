import { escapeHtml, safeHref } from './escape-html';
import { formatCalendarTime } from './format-discord-time';
import { renderDiscordMarkdown, type MarkdownContext } from './render-discord-markdown';

/** The parts of a Discord embed the preview draws; discord.js's APIEmbed fits it. */
export interface PreviewEmbed {
  title?: string;
  url?: string;
  description?: string;
  color?: number;
  timestamp?: string;
  author?: { name: string };
  footer?: { text: string };
  fields?: readonly { name: string; value: string; inline?: boolean }[];
}

/** A message body as posted (alerts) or replied (commands). */
export interface PreviewMessage {
  content?: string;
  embeds?: readonly PreviewEmbed[];
}

/** Who posts the message and when; `interaction` draws the "used /command" line of a reply. */
export interface MessageFrame {
  botName: string;
  sentAt: Date;
  interaction?: { user: string; command: string };
  ephemeral?: boolean;
}

/** Discord's border colour for an embed without a colour. */
const NO_COLOUR = '#1e1f22';

/** One chat message as Discord's dark theme draws it: avatar, name, APP tag, time, text, embeds. */
export function renderMessageHtml(message: PreviewMessage, frame: MessageFrame, ctx: MarkdownContext): string {
  const reply = frame.interaction
    ? `<div class="reply-line"><span class="reply-avatar"></span><span class="reply-user">${escapeHtml(frame.interaction.user)}</span> used <span class="reply-command">/${escapeHtml(frame.interaction.command)}</span></div>`
    : '';
  const content = message.content ? `<div class="content">${renderDiscordMarkdown(message.content, ctx)}</div>` : '';
  const embeds = (message.embeds ?? []).map((embed) => renderEmbedHtml(embed, ctx)).join('');
  const ephemeral = frame.ephemeral ? '<div class="ephemeral">👁 Only you can see this • <span class="link">Dismiss message</span></div>' : '';
  return [
    `<div class="message">${reply}`,
    `<div class="avatar">${AVATAR_SVG}</div>`,
    `<div class="header"><span class="username">${escapeHtml(frame.botName)}</span><span class="app-tag">APP</span>`,
    `<span class="sent-at">${escapeHtml(formatCalendarTime(frame.sentAt, ctx))}</span></div>`,
    `${content}${embeds}${ephemeral}</div>`,
  ].join('');
}

export function renderEmbedHtml(embed: PreviewEmbed, ctx: MarkdownContext): string {
  const parts: string[] = [];
  if (embed.author) parts.push(`<div class="embed-author">${escapeHtml(embed.author.name)}</div>`);
  if (embed.title !== undefined) {
    const title = renderDiscordMarkdown(embed.title, ctx);
    const href = safeHref(embed.url);
    parts.push(href ? `<a class="embed-title link" href="${href}">${title}</a>` : `<div class="embed-title">${title}</div>`);
  }
  if (embed.description !== undefined) parts.push(`<div class="embed-description">${renderDiscordMarkdown(embed.description, ctx)}</div>`);
  if (embed.fields && embed.fields.length > 0) {
    const fields = embed.fields.map(
      (field) =>
        `<div class="embed-field${field.inline ? ' inline' : ''}"><div class="embed-field-name">${renderDiscordMarkdown(field.name, ctx)}</div>` +
        `<div class="embed-field-value">${renderDiscordMarkdown(field.value, ctx)}</div></div>`,
    );
    parts.push(`<div class="embed-fields">${fields.join('')}</div>`);
  }
  const footer = [embed.footer?.text, embed.timestamp ? formatCalendarTime(new Date(embed.timestamp), ctx) : undefined].filter((p): p is string => !!p);
  if (footer.length > 0) parts.push(`<div class="embed-footer">${footer.map(escapeHtml).join(' • ')}</div>`);
  return `<article class="embed" style="border-left-color: ${colourOf(embed.color)}">${parts.join('')}</article>`;
}

/** A colour from a number only, so nothing a feed wrote can reach the style attribute. */
export function colourOf(colour: number | undefined): string {
  if (colour === undefined || !Number.isInteger(colour) || colour < 0 || colour > 0xffffff) return NO_COLOUR;
  return `#${colour.toString(16).padStart(6, '0')}`;
}

/** The bot's avatar: a radar sweep over a dark disc, drawn here so the preview needs no image files. */
const AVATAR_SVG =
  '<svg viewBox="0 0 40 40" width="40" height="40" aria-hidden="true">' +
  '<circle cx="20" cy="20" r="20" fill="#0f3d3a"/>' +
  '<circle cx="20" cy="20" r="13" fill="none" stroke="#2dd4bf" stroke-width="1.5" opacity="0.6"/>' +
  '<circle cx="20" cy="20" r="7" fill="none" stroke="#2dd4bf" stroke-width="1.5" opacity="0.8"/>' +
  '<path d="M20 20 L20 5 A15 15 0 0 1 33 12.5 Z" fill="#2dd4bf" opacity="0.45"/>' +
  '<circle cx="27" cy="11" r="2.2" fill="#fbbf24"/><circle cx="20" cy="20" r="1.8" fill="#2dd4bf"/></svg>';
