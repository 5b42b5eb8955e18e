import type { Reply } from '../interactions/command-route';
import { REPLY_CONTENT_LIMIT, truncateText } from '../interactions/reply-payload';

export const EMBED_TITLE_LIMIT = 256;
export const EMBED_DESCRIPTION_LIMIT = 4096;
/** Discord's blurple: these embeds are answers, not alerts, and should not look like one of the topics. */
export const LIST_EMBED_COLOUR = 0x5865f2;

/** Joins as many whole lines as fit in `limit`, ending with "… and N more" when some had to be left out. */
export function fitLines(lines: readonly string[], limit: number): string {
  const all = lines.join('\n');
  if (all.length <= limit) return all;
  const kept: string[] = [];
  let length = 0;
  for (const [index, line] of lines.entries()) {
    const more = `… and ${lines.length - index} more`;
    const next = length + (kept.length > 0 ? 1 : 0) + line.length;
    if (next + 1 + more.length > limit) return [...kept, more].join('\n');
    kept.push(line);
    length = next;
  }
  return kept.join('\n');
}

/**
 * A heading and one line per entry: a plain message when it fits, else an embed with four times the room,
 * cut with "… and N more". For answers that cannot be paged (`/rules test`: its text would not fit in a
 * button); lists are paged instead (paged-list.ts).
 */
export function listReply(heading: string, lines: readonly string[]): Reply {
  const text = [heading, ...lines].join('\n');
  if (text.length <= REPLY_CONTENT_LIMIT) return text;
  return {
    embeds: [{ title: truncateText(heading.replaceAll('**', ''), EMBED_TITLE_LIMIT), description: fitLines(lines, EMBED_DESCRIPTION_LIMIT), color: LIST_EMBED_COLOUR }],
  };
}

/** Discord's timestamp markup: every reader sees it in their own time zone (`R` = "in 2 days"). */
export function discordTime(iso: string, style: 'R' | 'f' = 'R'): string {
  return `<t:${Math.floor(Date.parse(iso) / 1000)}:${style}>`;
}
