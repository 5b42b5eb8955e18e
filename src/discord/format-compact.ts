import type { Alert } from '../delivery/alert';
import { DiscordLimit } from './format/discord-limits';
import { plainLabel, storyLink } from './format/story-line';

const TITLE_CHARS = 200;
/** Lines longer than this lose their link (a 2 KB tracking URL), so several still fit one message. */
const MAX_LINE_CHARS = 600;

/** One alert as one line: the title linked, its source, and the topics that fired. */
export function compactLine(alert: Alert): string {
  const source = plainLabel(alert.item.publisher ?? alert.item.source, 60);
  const topics = alert.topics.map((t) => plainLabel(t.name, 60)).join(', ');
  const tail = ` — ${source}${topics ? ` · ${topics}` : ''}`;
  const linked = `**${storyLink(alert.item.title, alert.item.link, TITLE_CHARS)}**${tail}`;
  return linked.length <= MAX_LINE_CHARS ? linked : `**${storyLink(alert.item.title, '', TITLE_CHARS)}**${tail}`;
}

/** How many leading compact alerts fit one message after `prefix` (role mentions), at least one. */
export function compactLinesThatFit(alerts: readonly Alert[], prefix: string): number {
  let length = prefix.length;
  let count = 0;
  for (const alert of alerts) {
    const line = compactLine(alert);
    if (count > 0 && length + 1 + line.length > DiscordLimit.content) break;
    length += (length > 0 ? 1 : 0) + line.length;
    count++;
  }
  return Math.max(1, count);
}
