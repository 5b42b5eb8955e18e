import { ApplicationCommandOptionType as Option } from 'discord-api-types/v10';
import { addFeed, checkServerFeedRoom, removeFeed } from '../../guilds/edit-feeds';
import { GUILD_LIMITS } from '../../guilds/guild-limits';
import { UserError } from '../../shared/errors';
import { defineCommand } from '../interactions/command-args';
import { autocompleteRoute, commandRoute, type AutocompleteContext, type Choice, type CommandContext } from '../interactions/command-route';
import { editSettings, GUILD_ONLY, MANAGE_GUILD, type CommandGroup } from './command-defaults';
import { describeProbe } from './describe-probe';
import { suggestFeeds } from './id-options';
import { inlineCode } from './rule-lines';

/** Hidden from members like `/rule`: `/feeds list` stays open to everyone, changing feeds needs Manage Server. */
export const feedDefinition = defineCommand({
  name: 'feed',
  description: "Add or remove one of this server's news feeds",
  ...GUILD_ONLY,
  default_member_permissions: MANAGE_GUILD,
  options: [
    {
      type: Option.Subcommand,
      name: 'add',
      description: 'Add an RSS or Atom feed for this server only (it is fetched once to check it)',
      options: [
        { type: Option.String, name: 'url', description: 'Address of the RSS or Atom feed (http or https)', required: true, max_length: GUILD_LIMITS.urlLength },
        { type: Option.String, name: 'name', description: 'How alerts name it (default: the site address)', max_length: GUILD_LIMITS.feedNameLength },
      ],
    },
    {
      type: Option.Subcommand,
      name: 'remove',
      description: "Remove one of this server's feeds",
      options: [{ type: Option.String, name: 'id', description: 'The feed: type a word of its name or its id (from /feeds list)', required: true, autocomplete: true }],
    },
  ],
});

/** Checks the address, fetches the feed once, and only then stores it: a page that is no feed is refused now. */
async function addCheckedFeed({ deps, guildId, now }: CommandContext, args: { url: string; name?: string }): Promise<string> {
  const check = await deps.checkFeedUrl(args.url.trim());
  if (!check.ok) throw new UserError(`I can't use that URL: ${check.error}`);
  const builtIn = deps.builtInFeeds.find((f) => f.url === check.url);
  if (builtIn) throw new UserError(`That is the built-in feed ${inlineCode(builtIn.id)} **${builtIn.name}**; its items already reach this server.`);
  // A dry run of the edit first: a duplicate or a full list is refused without fetching anything.
  addFeed(await deps.guilds.get(guildId), { url: check.url, name: args.name }, now);
  if (deps.maxServerFeeds !== undefined) checkServerFeedRoom(await deps.guilds.all(), check.url, deps.maxServerFeeds);
  const probe = await deps.probeFeed(check.url);
  if (!probe.ok) throw new UserError(`I did not add that feed: ${probe.reason}. Nothing was changed.`);
  const added = await editSettings(deps, guildId, (settings) => addFeed(settings, { url: check.url, name: args.name }, now));
  return `${added}\n${describeProbe(probe)}`;
}

async function suggestFeedIds(context: AutocompleteContext, typed: string): Promise<Choice[]> {
  return suggestFeeds(await context.deps.guilds.get(context.guildId), typed);
}

export const feedCommands: CommandGroup = {
  definitions: [feedDefinition],
  commands: [
    commandRoute(feedDefinition, { subcommand: 'add', changesSettings: true, run: addCheckedFeed }),
    commandRoute(feedDefinition, {
      subcommand: 'remove',
      changesSettings: true,
      run: ({ deps, guildId }, args) => editSettings(deps, guildId, (settings) => removeFeed(settings, args.id)),
    }),
  ],
  autocompletes: [autocompleteRoute(feedDefinition, { subcommand: 'remove', option: 'id', suggest: suggestFeedIds })],
  lists: [],
};
