import { ApplicationCommandOptionType as Option } from 'discord-api-types/v10';
import { addRule, removeRule } from '../../guilds/edit-rules';
import { GUILD_LIMITS } from '../../guilds/guild-limits';
import { findTopic } from '../../guilds/topic-catalog';
import { defineCommand } from '../interactions/command-args';
import { autocompleteRoute, commandRoute, type AutocompleteContext, type Choice } from '../interactions/command-route';
import { editSettings, GUILD_ONLY, MANAGE_GUILD, type CommandGroup } from './command-defaults';
import { suggestRules } from './id-options';
import { catalogOf, MAX_CHOICES, suggestTopics } from './topic-options';

/**
 * Changing rules is its own top-level command because Discord's default_member_permissions applies per
 * top-level command: `/rule` is hidden from members, `/rules list|test` stays open to everyone. The
 * singular/plural split is the one `/mute` and `/mutes`, `/subscribe` and `/subscriptions` already use.
 */
export const ruleDefinition = defineCommand({
  name: 'rule',
  description: "Add or remove one of this server's keyword rules",
  ...GUILD_ONLY,
  default_member_permissions: MANAGE_GUILD,
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
      options: [{ type: Option.String, name: 'id', description: 'The rule: type a word of it or its id (from /rules list)', required: true, autocomplete: true }],
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

async function suggestRuleIds(context: AutocompleteContext, typed: string): Promise<Choice[]> {
  const settings = await context.deps.guilds.get(context.guildId);
  return suggestRules(settings, catalogOf(context.deps, settings), typed);
}

export const ruleCommands: CommandGroup = {
  definitions: [ruleDefinition],
  commands: [
    commandRoute(ruleDefinition, {
      subcommand: 'add',
      changesSettings: true,
      run: ({ deps, guildId, now }, args) =>
        editSettings(deps, guildId, (settings) => addRule(settings, catalogOf(deps, settings), { topic: args.topic, expression: args.keywords }, now)),
    }),
    commandRoute(ruleDefinition, {
      subcommand: 'remove',
      changesSettings: true,
      run: ({ deps, guildId }, args) => editSettings(deps, guildId, (settings) => removeRule(settings, args.id)),
    }),
  ],
  autocompletes: [
    autocompleteRoute(ruleDefinition, { subcommand: 'add', option: 'topic', suggest: suggestRuleTopics }),
    autocompleteRoute(ruleDefinition, { subcommand: 'remove', option: 'id', suggest: suggestRuleIds }),
  ],
  lists: [],
};
