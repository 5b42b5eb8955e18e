import { ApplicationCommandOptionType as Option } from 'discord-api-types/v10';
import { guildFeedSourceId } from '../../guilds/guild-settings';
import type { FeedHealth } from '../bot-deps';
import { defineCommand } from '../interactions/command-args';
import { commandRoute, type ListRoute } from '../interactions/command-route';
import { GUILD_ONLY, type CommandGroup } from './command-defaults';
import { feedHealthText } from './feed-health';
import { showList } from './paged-list';
import { inlineCode } from './rule-lines';

// No default_member_permissions: everyone may list feeds; changing them is /feed (feed.ts), hidden from members.
export const feedsDefinition = defineCommand({
  name: 'feeds',
  description: 'The news feeds this server gets alerts from',
  ...GUILD_ONLY,
  options: [
    { type: Option.Subcommand, name: 'list', description: "List the built-in feeds and this server's, with their health" },
  ],
});

function feedLine(id: string, name: string, health: FeedHealth | undefined): string {
  return `• ${inlineCode(id)} **${name}** — ${feedHealthText(health)}`;
}

const feedsList: ListRoute = {
  kind: 'feeds',
  async view({ deps, guildId }) {
    const [settings, report] = await Promise.all([deps.guilds.get(guildId), deps.status(guildId)]);
    const healthOf = (...ids: string[]) => report.feeds.find((h) => ids.includes(h.id));
    const lines = [
      `**Built-in (${deps.builtInFeeds.length})**`,
      ...deps.builtInFeeds.map((f) => feedLine(f.id, f.name, healthOf(f.id))),
      `**This server's (${settings.feeds.length})**`,
      ...(settings.feeds.length === 0 ? ['none — add one with /feed add'] : []),
      ...settings.feeds.map((f) => feedLine(f.id, f.name, healthOf(guildFeedSourceId(guildId, f.id), f.id))),
    ];
    return { heading: '**Feeds**', lines };
  },
};

export const feedsCommands: CommandGroup = {
  definitions: [feedsDefinition],
  commands: [
    commandRoute(feedsDefinition, { subcommand: 'list', run: (context) => showList(feedsList, context) }),
  ],
  autocompletes: [],
  lists: [feedsList],
};
