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

/** Discord's timestamp markup: every reader sees it in their own time zone (`R` = "in 2 days"). */
export function discordTime(iso: string, style: 'R' | 'f' = 'R'): string {
  return `<t:${Math.floor(Date.parse(iso) / 1000)}:${style}>`;
}
