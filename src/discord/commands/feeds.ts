import { ApplicationCommandOptionType as Option } from 'discord-api-types/v10';
import { addFeed, removeFeed } from '../../guilds/edit-feeds';
import { GUILD_LIMITS } from '../../guilds/guild-limits';
import { guildFeedSourceId } from '../../guilds/guild-settings';
import { UserError } from '../../shared/errors';
import type { FeedHealth } from '../bot-deps';
import { defineCommand } from '../interactions/command-args';
import { commandRoute } from '../interactions/command-route';
import { editSettings, GUILD_ONLY, type CommandGroup } from './command-defaults';
import { feedHealthText } from './feed-health';
import { listReply } from './list-reply';
import { inlineCode } from './rule-lines';

// No default_member_permissions: members may list feeds; add and remove check Manage Server themselves.
export const feedsDefinition = defineCommand({
  name: 'feeds',
  description: 'The news feeds this server gets alerts from',
  ...GUILD_ONLY,
  options: [
    { type: Option.Subcommand, name: 'list', description: "List the built-in feeds and this server's, with their health" },
    {
      type: Option.Subcommand,
      name: 'add',
      description: 'Add an RSS or Atom feed for this server only',
      options: [
        { type: Option.String, name: 'url', description: 'Address of the RSS or Atom feed (http or https)', required: true, max_length: GUILD_LIMITS.urlLength },
        { type: Option.String, name: 'name', description: 'How alerts name it (default: the site address)', max_length: GUILD_LIMITS.feedNameLength },
      ],
    },
    {
      type: Option.Subcommand,
      name: 'remove',
      description: "Remove one of this server's feeds",
      options: [{ type: Option.String, name: 'id', description: 'Feed id from /feeds list, e.g. f2', required: true }],
    },
  ],
});

function feedLine(id: string, name: string, health: FeedHealth | undefined): string {
  return `• ${inlineCode(id)} **${name}** — ${feedHealthText(health)}`;
}

export const feedsCommands: CommandGroup = {
  definitions: [feedsDefinition],
  commands: [
    commandRoute(feedsDefinition, {
      subcommand: 'list',
      async run({ deps, guildId }) {
        const [settings, report] = await Promise.all([deps.guilds.get(guildId), deps.status(guildId)]);
        const healthOf = (...ids: string[]) => report.feeds.find((h) => ids.includes(h.id));
        const lines = [
          `**Built-in (${deps.builtInFeeds.length})**`,
          ...deps.builtInFeeds.map((f) => feedLine(f.id, f.name, healthOf(f.id))),
          `**This server's (${settings.feeds.length})**`,
          ...(settings.feeds.length === 0 ? ['none — add one with /feeds add'] : []),
          ...settings.feeds.map((f) => feedLine(f.id, f.name, healthOf(guildFeedSourceId(guildId, f.id), f.id))),
        ];
        return listReply('**Feeds**', lines);
      },
    }),
    commandRoute(feedsDefinition, {
      subcommand: 'add',
      changesSettings: true,
      async run({ deps, guildId, now }, args) {
        const check = await deps.checkFeedUrl(args.url.trim());
        if (!check.ok) throw new UserError(`I can't use that URL: ${check.error}`);
        const builtIn = deps.builtInFeeds.find((f) => f.url === check.url);
        if (builtIn) throw new UserError(`That is the built-in feed ${inlineCode(builtIn.id)} **${builtIn.name}**; its items already reach this server.`);
        return editSettings(deps, guildId, (settings) => addFeed(settings, { url: check.url, name: args.name }, now));
      },
    }),
    commandRoute(feedsDefinition, {
      subcommand: 'remove',
      changesSettings: true,
      run: ({ deps, guildId }, args) => editSettings(deps, guildId, (settings) => removeFeed(settings, args.id)),
    }),
  ],
  autocompletes: [],
};
