import { escapeHtml } from './escape-html';
import { formatDiscordTime, type TimeContext } from './format-discord-time';

/** Names for the ids that mentions carry, as the preview cannot ask Discord. */
export interface MarkdownContext extends TimeContext {
  roles?: Readonly<Record<string, string>>;
  channels?: Readonly<Record<string, string>>;
}

/** Discord's `<…>` markup: timestamps, role, channel and user mentions. */
const ANGLE_MARKUP = /^<(?:t:(-?\d{1,13})(?::([tTdDfFR]))?|@&(\d{1,20})|#(\d{1,20})|@!?(\d{1,20}))>/;
/** A masked link, `[text](url)` or `[text](<url>)` (no preview card); the text may hold escapes. */
const MASKED_LINK = /^\[((?:\\.|[^\]\\])*)\]\(<?(https?:\/\/[^\s<>()]+)>?\)/;
/** Characters a backslash escapes in Discord markdown. */
const ESCAPABLE = /[^\p{L}\p{N}\s]/u;

/**
 * The subset of Discord markdown that alerts and command replies use, as HTML: backslash escapes, `**bold**`,
 * `inline code`, line breaks, timestamps and mentions. Every piece of text goes through escapeHtml, so
 * whatever a feed wrote ends up as text, never as markup.
 */
export function renderDiscordMarkdown(text: string, ctx: MarkdownContext): string {
  let html = '';
  let bold = false;
  let index = 0;
  while (index < text.length) {
    const char = text[index] ?? '';
    const next = text[index + 1] ?? '';
    if (char === '\\' && ESCAPABLE.test(next)) {
      html += escapeHtml(next);
      index += 2;
    } else if (char === '*' && next === '*') {
      html += bold ? '</strong>' : '<strong>';
      bold = !bold;
      index += 2;
    } else if (char === '`' && text.indexOf('`', index + 1) > index + 1) {
      const end = text.indexOf('`', index + 1);
      html += `<code>${escapeHtml(text.slice(index + 1, end))}</code>`;
      index = end + 1;
    } else if (char === '[' && MASKED_LINK.test(text.slice(index))) {
      const match = MASKED_LINK.exec(text.slice(index)) as RegExpExecArray;
      html += `<a class="link" href="${escapeHtml(match[2] ?? '')}">${renderDiscordMarkdown(match[1] ?? '', ctx)}</a>`;
      index += match[0].length;
    } else if (char === '<' && ANGLE_MARKUP.test(text.slice(index))) {
      const match = ANGLE_MARKUP.exec(text.slice(index)) as RegExpExecArray;
      html += renderAngleMarkup(match, ctx);
      index += match[0].length;
    } else if (char === '\n') {
      html += '<br>';
      index += 1;
    } else {
      html += escapeHtml(char);
      index += 1;
    }
  }
  return bold ? `${html}</strong>` : html;
}

function renderAngleMarkup(match: RegExpExecArray, ctx: MarkdownContext): string {
  const [, unix, style, roleId, channelId, userId] = match;
  if (unix !== undefined) return `<span class="timestamp">${escapeHtml(formatDiscordTime(Number(unix), style ?? 'f', ctx))}</span>`;
  if (roleId !== undefined) return `<span class="mention">@${escapeHtml(ctx.roles?.[roleId] ?? 'unknown-role')}</span>`;
  if (channelId !== undefined) return `<span class="mention">#${escapeHtml(ctx.channels?.[channelId] ?? 'unknown-channel')}</span>`;
  return `<span class="mention">@${escapeHtml(userId ?? 'user')}</span>`;
}
