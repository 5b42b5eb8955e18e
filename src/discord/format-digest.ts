import { time, TimestampStyles, type APIEmbed } from 'discord.js';
import type { DigestPart } from '../delivery/digest';
import { DiscordLimit, ELLIPSIS } from './format/discord-limits';
import { embedLength } from './format/embed-length';
import { plainLabel, storyLink } from './format/story-line';

const TITLE_CHARS = 150;
const SOURCE_CHARS = 60;

/**
 * One digest message: a header line in the content (which period, how many stories, late or not), then
 * one embed per topic with a line per story — title link, source, time as a Discord timestamp, shown in
 * each reader's own time zone. A topic too long for one embed continues in the next.
 */
export function formatDigest(digest: DigestPart): { content: string; embeds: APIEmbed[] } {
  const embeds: APIEmbed[] = [];
  for (const group of digest.groups) {
    const name = plainLabel(group.topic.name, 200) || group.topic.id;
    let lines: string[] = [];
    const flush = () => {
      if (lines.length === 0) return;
      const continued = embeds.length > 0 && embeds[embeds.length - 1]?.color === group.topic.colour && embeds[embeds.length - 1]?.title?.startsWith(name);
      embeds.push({ title: continued ? `${name} (continued)` : name, description: lines.join('\n'), color: validColour(group.topic.colour) });
      lines = [];
    };
    for (const story of group.stories) {
      const line = storyLine(story);
      if ([...lines, line].join('\n').length > DiscordLimit.description) flush();
      lines.push(line);
    }
    flush();
  }
  return { content: header(digest), embeds: fitMessage(embeds, digest) };
}

function storyLine(story: DigestPart['groups'][number]['stories'][number]): string {
  const when = Number.isNaN(Date.parse(story.time)) ? '' : ` · ${time(new Date(story.time), TimestampStyles.ShortTime)}`;
  return `• ${storyLink(story.title, story.link, TITLE_CHARS)} — ${plainLabel(story.source, SOURCE_CHARS)}${when}`;
}

function header(digest: DigestPart): string {
  const kind = digest.mode === 'hourly' ? 'Hourly digest' : 'Daily digest';
  const stories = `${digest.totalStories} ${digest.totalStories === 1 ? 'story' : 'stories'}`;
  const period = `${time(new Date(digest.since), TimestampStyles.ShortDateTime)} – ${time(new Date(digest.due), TimestampStyles.ShortTime)}`;
  const late = digest.late ? ` · ⏰ late: due ${time(new Date(digest.due), TimestampStyles.RelativeTime)}, sent now that the bot is back` : '';
  const part = digest.parts > 1 ? ` · part ${digest.part} of ${digest.parts}` : '';
  return `📰 **${kind}** · ${stories} · ${period}${part}${late}`;
}

/** Composition keeps parts well inside the limits; this guarantees them whatever the text turned out to be. */
function fitMessage(embeds: APIEmbed[], digest: DigestPart): APIEmbed[] {
  const kept = embeds.slice(0, DiscordLimit.embedsPerMessage);
  while (kept.reduce((n, e) => n + embedLength(e), 0) > DiscordLimit.totalEmbedChars) {
    const last = kept[kept.length - 1];
    const lines = last?.description?.split('\n') ?? [];
    if (!last || lines.length <= 1) {
      kept.pop();
      continue;
    }
    last.description = [...lines.slice(0, -2), `${ELLIPSIS} more stories in the feed than fit this message`].join('\n');
  }
  if (kept.length === 0 && digest.groups.length > 0) return [{ description: `${ELLIPSIS}` }];
  return kept;
}

function validColour(colour: number): number | undefined {
  return Number.isInteger(colour) && colour >= 0 && colour <= 0xffffff ? colour : undefined;
}
