import type { APIEmbed } from 'discord.js';

/**
 * Characters an embed counts towards the 6,000 per message, summed the way Discord does (title,
 * description, field names and values, footer text, author name), in UTF-16 units: never fewer
 * than Discord's code-point count, so a body we accept Discord accepts.
 */
export function embedLength(embed: APIEmbed): number {
  let total = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  return total + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
}
