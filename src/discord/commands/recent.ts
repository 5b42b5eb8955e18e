import { ApplicationCommandOptionType as Option, type APIEmbed } from 'discord-api-types/v10';
import type { Alert } from '../../delivery/alert';
import { itemTime } from '../../feeds/news-item';
import { UserError } from '../../shared/errors';
import { defineCommand } from '../interactions/command-args';
import { autocompleteRoute, commandRoute } from '../interactions/command-route';
import { DiscordLimit } from '../format/discord-limits';
import { escapeFeedMarkdown } from '../format/escape-feed-markdown';
import { toEmbedUrl } from '../format/to-embed-url';
import { GUILD_ONLY, type CommandGroup } from './command-defaults';
import { discordTime } from './list-reply';
import { catalogOf, requireTopic, suggestTopicsFor } from './topic-options';

export const DEFAULT_RECENT = 5;
export const MAX_RECENT = 10;

export const recentDefinition = defineCommand({
  name: 'recent',
  description: 'The last stories this server would have received',
  ...GUILD_ONLY,
  options: [
    { type: Option.String, name: 'topic', description: 'Only this topic (default: all topics)', autocomplete: true },
    { type: Option.Integer, name: 'count', description: `How many (default ${DEFAULT_RECENT}, at most ${MAX_RECENT})`, min_value: 1, max_value: MAX_RECENT },
  ],
});

const RECENT_COLOUR = 0x5865f2;
/** Each line stays short, so ten always fit the embed's 4,096 characters. */
const TITLE_CHARS = 180;

/** One line per story, newest first: when, the headline linked, the outlet and the topics. */
export function recentLine(alert: Alert): string {
  const title = escapeFeedMarkdown(alert.item.title.slice(0, TITLE_CHARS) || '(no title)');
  const url = toEmbedUrl(alert.item.link);
  const headline = url ? `[${title}](${url})` : title;
  const outlet = escapeFeedMarkdown((alert.item.publisher ?? alert.item.source).slice(0, 60));
  return `• ${discordTime(itemTime(alert.item))} ${headline} — ${outlet} · ${alert.topics.map((t) => t.name).join(', ')}`;
}

export function recentEmbed(alerts: readonly Alert[], topicName: string | undefined): APIEmbed {
  const about = topicName ? ` in ${topicName}` : '';
  if (alerts.length === 0) return { title: `No recent stories${about}`, description: 'Nothing matched in the last while. Stories appear here as feeds are polled.', color: RECENT_COLOUR };
  const lines: string[] = [];
  for (const line of alerts.map(recentLine)) {
    if ([...lines, line].join('\n').length > DiscordLimit.description) break;
    lines.push(line);
  }
  return { title: `The last ${lines.length} ${lines.length === 1 ? 'story' : 'stories'}${about}`, description: lines.join('\n'), color: RECENT_COLOUR };
}

export const recentCommands: CommandGroup = {
  definitions: [recentDefinition],
  commands: [
    commandRoute(recentDefinition, {
      async run({ deps, guildId }, args) {
        if (!deps.stories) throw new UserError('Recent stories are not kept by this bot.');
        const count = args.count ?? DEFAULT_RECENT;
        if (!Number.isInteger(count) || count < 1 || count > MAX_RECENT) throw new UserError(`Pick a count from 1 to ${MAX_RECENT}.`);
        const topic = args.topic === undefined ? undefined : requireTopic(catalogOf(deps, await deps.guilds.get(guildId)), args.topic);
        return { embeds: [recentEmbed(await deps.stories.recent(guildId, topic?.id, count), topic?.name)] };
      },
    }),
  ],
  autocompletes: [autocompleteRoute(recentDefinition, { option: 'topic', suggest: suggestTopicsFor })],
  lists: [],
};
