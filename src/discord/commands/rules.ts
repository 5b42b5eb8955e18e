import { ApplicationCommandOptionType as Option } from 'discord-api-types/v10';
import { UserError } from '../../shared/errors';
import { defineCommand } from '../interactions/command-args';
import { autocompleteRoute, commandRoute, type ListRoute } from '../interactions/command-route';
import { GUILD_ONLY, type CommandGroup } from './command-defaults';
import { showList } from './paged-list';
import { ruleListLines, rulesFor, ruleTestLines } from './rule-lines';
import { catalogOf, requireTopic, suggestTopicsFor } from './topic-options';

const TEST_TEXT_MAX_LENGTH = 1000;

// No default_member_permissions: everyone may list and test rules; changing them is /rule (rule.ts), hidden from members.
export const rulesDefinition = defineCommand({
  name: 'rules',
  description: 'List and try the keyword rules that decide which news items become alerts',
  ...GUILD_ONLY,
  options: [
    {
      type: Option.Subcommand,
      name: 'list',
      description: "List the built-in rules and this server's, with their ids",
      options: [{ type: Option.String, name: 'topic', description: 'Only this topic', autocomplete: true }],
    },
    {
      type: Option.Subcommand,
      name: 'test',
      description: 'Show which topics and rules would fire on a text, and on which words',
      options: [{ type: Option.String, name: 'text', description: 'A headline or sentence to try', required: true, max_length: TEST_TEXT_MAX_LENGTH }],
    },
  ],
});

/** `/rules list`, optionally one topic's; its pages carry the topic id. */
const rulesList: ListRoute = {
  kind: 'rules',
  async view({ deps, guildId }, topic) {
    const settings = await deps.guilds.get(guildId);
    const catalog = catalogOf(deps, settings);
    const topics = topic === undefined ? catalog : [requireTopic(catalog, topic)];
    const lines = ruleListLines(topics, rulesFor(deps.builtInRules, settings));
    if (lines.length === 0) return 'No rules yet. Add one with /rule add.';
    return { heading: "**Rules** (this server's can be removed with /rule remove)", lines, ...(topic === undefined ? {} : { filter: topics[0]?.id }) };
  },
};

/** `/rules test`: its pages carry the text tried, so only a short text gets page buttons (see renderListPage). */
const ruleTestList: ListRoute = {
  kind: 'ruletest',
  async view({ deps, guildId, now }, text) {
    if (text === undefined) throw new UserError('Run /rules test again with the text to try.');
    const settings = await deps.guilds.get(guildId);
    const matches = deps.ruleSets.get(guildId, rulesFor(deps.builtInRules, settings)).match({ title: text, summary: '', categories: [] });
    if (matches.length === 0) return 'No rule fires on that text.';
    return { heading: '**These rules would fire:**', lines: ruleTestLines(catalogOf(deps, settings), matches, settings, now), filter: text };
  },
};

export const rulesCommands: CommandGroup = {
  definitions: [rulesDefinition],
  commands: [
    commandRoute(rulesDefinition, { subcommand: 'list', run: (context, args) => showList(rulesList, context, args.topic) }),
    commandRoute(rulesDefinition, { subcommand: 'test', run: (context, args) => showList(ruleTestList, context, args.text) }),
  ],
  autocompletes: [
    autocompleteRoute(rulesDefinition, { subcommand: 'list', option: 'topic', suggest: suggestTopicsFor }),
  ],
  lists: [rulesList, ruleTestList],
};
