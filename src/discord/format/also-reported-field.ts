import type { APIEmbed } from 'discord.js';
import type { StoryOutlet } from '../../stories/story-ledger';
import { DiscordLimit } from './discord-limits';
import { embedLength } from './embed-length';
import { escapeFeedMarkdown } from './escape-feed-markdown';
import { joinWithin } from './join-within';
import { toEmbedUrl } from './to-embed-url';

export const ALSO_REPORTED_NAME = 'Also reported by';

/**
 * The embed with its "Also reported by" field set to these outlets, each a masked link when its link is
 * safe: replaced, never appended twice, and cut ("+N more") to stay inside the field and message limits.
 */
export function withAlsoReported(embed: APIEmbed, outlets: readonly StoryOutlet[], otherEmbedsChars = 0): APIEmbed {
  const fields = (embed.fields ?? []).filter((f) => f.name !== ALSO_REPORTED_NAME);
  const base = { ...embed, fields };
  const room = Math.min(DiscordLimit.fieldValue, DiscordLimit.totalEmbedChars - otherEmbedsChars - embedLength(base) - ALSO_REPORTED_NAME.length);
  if (outlets.length === 0 || room < 20 || fields.length >= DiscordLimit.fields) return base;
  const pieces = outlets.map((o) => {
    const name = escapeFeedMarkdown(o.name.slice(0, 80));
    const url = toEmbedUrl(o.link);
    const linked = url ? `[${name}](${url})` : name;
    return linked.length <= room ? linked : name.slice(0, room);
  });
  return { ...base, fields: [...fields, { name: ALSO_REPORTED_NAME, value: joinWithin(pieces, ', ', room) }] };
}
