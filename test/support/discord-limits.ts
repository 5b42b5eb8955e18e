import type { APIEmbed, RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import { MessageLimit } from './discord-twin/validate-message';

/** Discord's limits, from the twin (written out apart from src/ so tests don't trust the code they check). */
export const Limit = { ...MessageLimit, url: 2048, allowedMentionRoles: 100 } as const;

/** Length as Discord counts it: Unicode code points (an emoji outside the BMP is one). */
export function discordLength(text: string): number {
  return [...text].length;
}

/** Characters one embed counts towards the message's 6,000. */
export function embedChars(embed: APIEmbed): number {
  const texts = [embed.title, embed.description, embed.footer?.text, embed.author?.name, ...(embed.fields ?? []).flatMap((field) => [field.name, field.value])];
  return texts.reduce((sum, text) => sum + discordLength(text ?? ''), 0);
}

/** Embed characters of a whole message. */
export function messageEmbedChars(body: RESTPostAPIChannelMessageJSONBody): number {
  return (body.embeds ?? []).reduce((sum, embed) => sum + embedChars(embed), 0);
}

/**
 * Throws, listing every violation, unless Discord would accept `body`'s text: every length limit,
 * the 6,000 total, required texts present, urls http(s), colour in range, well-formed UTF-16
 * (no lone surrogate from a bad cut), and a message that is not empty.
 */
export function assertWithinDiscordLimits(body: RESTPostAPIChannelMessageJSONBody): void {
  const problems: string[] = [];
  const check = (path: string, text: string | undefined, max: number, required = false): void => {
    if (text === undefined || text === '') {
      if (required) problems.push(`${path} is required`);
      return;
    }
    if (discordLength(text) > max) problems.push(`${path} is ${discordLength(text)} chars, over ${max}`);
    if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)) problems.push(`${path} has a lone surrogate`);
  };
  check('content', body.content, Limit.content);
  const embeds = body.embeds ?? [];
  if (embeds.length > Limit.embeds) problems.push(`${embeds.length} embeds, over ${Limit.embeds}`);
  embeds.forEach((embed, index) => checkEmbed(embed, `embeds[${index}]`, check, problems));
  const total = messageEmbedChars(body);
  if (total > Limit.totalEmbedChars) problems.push(`embeds total ${total} chars, over ${Limit.totalEmbedChars}`);
  if ((body.allowed_mentions?.roles?.length ?? 0) > Limit.allowedMentionRoles) problems.push('allowed_mentions.roles has over 100 ids');
  if ((body.content ?? '') === '' && embeds.length === 0) problems.push('message is empty');
  if (problems.length > 0) throw new Error(`Discord would reject this message:\n  ${problems.join('\n  ')}`);
}

type Check = (path: string, text: string | undefined, max: number, required?: boolean) => void;

function checkEmbed(embed: APIEmbed, path: string, check: Check, problems: string[]): void {
  check(`${path}.title`, embed.title, Limit.title);
  check(`${path}.description`, embed.description, Limit.description);
  if (embed.footer) check(`${path}.footer.text`, embed.footer.text, Limit.footerText, true);
  if (embed.author) check(`${path}.author.name`, embed.author.name, Limit.authorName, true);
  const fields = embed.fields ?? [];
  if (fields.length > Limit.fields) problems.push(`${path} has ${fields.length} fields, over ${Limit.fields}`);
  fields.forEach((field, index) => {
    check(`${path}.fields[${index}].name`, field.name, Limit.fieldName, true);
    check(`${path}.fields[${index}].value`, field.value, Limit.fieldValue, true);
  });
  if (embed.url !== undefined && !(/^https?:\/\/\S+$/i.test(embed.url) && embed.url.length <= Limit.url)) problems.push(`${path}.url is not a usable http(s) URL`);
  if (embed.color !== undefined && !(Number.isInteger(embed.color) && embed.color >= 0 && embed.color <= 0xffffff)) problems.push(`${path}.color out of range`);
}
