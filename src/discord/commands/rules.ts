import { ApplicationCommandOptionType as Option } from 'discord-api-types/v10';
import { addRule, removeRule } from '../../guilds/edit-rules';
import { GUILD_LIMITS } from '../../guilds/guild-limits';
import { findTopic } from '../../guilds/topic-catalog';
import { defineCommand } from '../interactions/command-args';
import { autocompleteRoute, commandRoute, type AutocompleteContext, type Choice } from '../interactions/command-route';
import { editSettings, GUILD_ONLY, type CommandGroup } from './command-defaults';
import { listReply } from './list-reply';
import { ruleListLines, rulesFor, ruleTestLines } from './rule-lines';
import { catalogOf, MAX_CHOICES, requireTopic, suggestTopics, suggestTopicsFor } from './topic-options';

const TEST_TEXT_MAX_LENGTH = 1000;

// No default_member_permissions: members may list and test rules; add and remove check Manage Server themselves.
export const rulesDefinition = defineCommand({
  name: 'rules',
  description: 'Keyword rules that decide which news items become alerts',
  ...GUILD_ONLY,
  options: [
    {
      type: Option.Subcommand,
      name: 'add',
      description: 'Add a keyword rule to a topic (a new topic name creates a topic for this server)',
      options: [
        { type: Option.String, name: 'topic', description: 'Topic the rule belongs to', required: true, autocomplete: true, max_length: GUILD_LIMITS.topicNameLength },
        { type: Option.String, name: 'keywords', description: 'e.g. Lynas AND (Japan OR JOGMEC), or: rare earth -recycling', required: true, max_length: GUILD_LIMITS.expressionLength },
      ],
    },
    {
      type: Option.Subcommand,
      name: 'remove',
      description: "Remove one of this server's rules",
      options: [{ type: Option.String, name: 'id', description: 'Rule id from /rules list, e.g. r3', required: true }],
    },
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

/** Existing topics, plus the typed name as a new topic when it names none yet. */
async function suggestRuleTopics(context: AutocompleteContext, typed: string): Promise<Choice[]> {
  const catalog = catalogOf(context.deps, await context.deps.guilds.get(context.guildId));
  const choices = suggestTopics(catalog, typed);
  const name = typed.trim();
  if (!name || name.length > GUILD_LIMITS.topicNameLength || findTopic(catalog, name)) return choices;
  return [{ name: `New topic: ${name}`, value: name }, ...choices].slice(0, MAX_CHOICES);
}

export const rulesCommands: CommandGroup = {
  definitions: [rulesDefinition],
  commands: [
    commandRoute(rulesDefinition, {
      subcommand: 'add',
      changesSettings: true,
      run: ({ deps, guildId, now }, args) =>
        editSettings(deps, guildId, (settings) => addRule(settings, catalogOf(deps, settings), { topic: args.topic, expression: args.keywords }, now)),
    }),
    commandRoute(rulesDefinition, {
      subcommand: 'remove',
      changesSettings: true,
      run: ({ deps, guildId }, args) => editSettings(deps, guildId, (settings) => removeRule(settings, args.id)),
    }),
    commandRoute(rulesDefinition, {
      subcommand: 'list',
      async run({ deps, guildId }, args) {
        const settings = await deps.guilds.get(guildId);
        const catalog = catalogOf(deps, settings);
        const topics = args.topic === undefined ? catalog : [requireTopic(catalog, args.topic)];
        const lines = ruleListLines(topics, rulesFor(deps.builtInRules, settings));
        if (lines.length === 0) return 'No rules yet. Add one with /rules add.';
        return listReply("**Rules** (this server's can be removed with /rules remove)", lines);
      },
    }),
    commandRoute(rulesDefinition, {
      subcommand: 'test',
      async run({ deps, guildId, now }, args) {
        const settings = await deps.guilds.get(guildId);
        const matches = deps.ruleSets.get(guildId, rulesFor(deps.builtInRules, settings)).match({ title: args.text, summary: '', categories: [] });
        if (matches.length === 0) return 'No rule fires on that text.';
        return listReply('**These rules would fire:**', ruleTestLines(catalogOf(deps, settings), matches, settings, now));
      },
    }),
  ],
  autocompletes: [
    autocompleteRoute(rulesDefinition, { subcommand: 'add', option: 'topic', suggest: suggestRuleTopics }),
    autocompleteRoute(rulesDefinition, { subcommand: 'list', option: 'topic', suggest: suggestTopicsFor }),
  ],
};
