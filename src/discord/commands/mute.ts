import { ApplicationCommandOptionType as Option } from 'discord-api-types/v10';
import { mute, unmute } from '../../guilds/edit-mutes';
import { activeMutes } from '../../guilds/guild-settings';
import { defineCommand } from '../interactions/command-args';
import { autocompleteRoute, commandRoute, type ListRoute } from '../interactions/command-route';
import { editSettings, GUILD_ONLY, MANAGE_GUILD, type CommandGroup } from './command-defaults';
import { discordTime } from './list-reply';
import { showList } from './paged-list';
import { catalogOf, requireTopic, suggestTopicsFor } from './topic-options';

export const muteDefinition = defineCommand({
  name: 'mute',
  description: 'Pause alerts for a topic in this whole server',
  ...GUILD_ONLY,
  default_member_permissions: MANAGE_GUILD,
  options: [
    { type: Option.String, name: 'topic', description: 'Topic to pause', required: true, autocomplete: true },
    { type: Option.String, name: 'duration', description: 'For how long: 30m, 6h, 2d, 1w (default: until /unmute)', max_length: 20 },
  ],
});

export const unmuteDefinition = defineCommand({
  name: 'unmute',
  description: 'Resume alerts for a muted topic',
  ...GUILD_ONLY,
  default_member_permissions: MANAGE_GUILD,
  options: [{ type: Option.String, name: 'topic', description: 'Topic to resume', required: true, autocomplete: true }],
});

export const mutesDefinition = defineCommand({
  name: 'mutes',
  description: 'List the topics muted in this server and when they resume',
  ...GUILD_ONLY,
});

const mutesList: ListRoute = {
  kind: 'mutes',
  async view({ deps, guildId, now }) {
    const settings = await deps.guilds.get(guildId);
    const mutes = activeMutes(settings, now);
    if (mutes.length === 0) return 'No topic is muted in this server.';
    const catalog = catalogOf(deps, settings);
    const lines = mutes.map((m) => {
      const name = catalog.find((t) => t.id === m.topicId)?.name ?? m.topicId;
      return `• **${name}** — ${m.until ? `resumes ${discordTime(m.until)}` : 'until /unmute'}`;
    });
    return { heading: `**Muted topics (${mutes.length})**`, lines };
  },
};

export const muteCommands: CommandGroup = {
  definitions: [muteDefinition, unmuteDefinition, mutesDefinition],
  commands: [
    commandRoute(muteDefinition, {
      changesSettings: true,
      run: ({ deps, guildId, now }, args) =>
        editSettings(deps, guildId, (settings) => mute(settings, requireTopic(catalogOf(deps, settings), args.topic), args.duration, now)),
    }),
    commandRoute(unmuteDefinition, {
      changesSettings: true,
      run: ({ deps, guildId, now }, args) =>
        editSettings(deps, guildId, (settings) => unmute(settings, requireTopic(catalogOf(deps, settings), args.topic), now)),
    }),
    commandRoute(mutesDefinition, { run: (context) => showList(mutesList, context) }),
  ],
  autocompletes: [
    autocompleteRoute(muteDefinition, { option: 'topic', suggest: suggestTopicsFor }),
    autocompleteRoute(unmuteDefinition, { option: 'topic', suggest: suggestTopicsFor }),
  ],
  lists: [mutesList],
};
