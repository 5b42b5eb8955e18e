import type { APIApplicationCommandOptionChoice, APIEmbed } from 'discord-api-types/v10';
import type { AutocompleteInteraction, ChatInputCommandInteraction } from 'discord.js';
import type { BotDeps } from '../bot-deps';
import type { ArgsOf, CommandDefinition, SubcommandName } from './command-args';

/** What a command answers: plain text, or an embed when a list is too long for a message. */
export type Reply = string | { content?: string; embeds: APIEmbed[] };

export interface CommandContext {
  interaction: ChatInputCommandInteraction<'cached'>;
  deps: BotDeps;
  guildId: string;
  now: Date;
}

/** One chat-input command (or subcommand) the router can run. */
export interface ChatInputRoute {
  command: string;
  subcommand?: string;
  /** Needs Manage Server; `deps.onSettingsChanged()` runs after it succeeds. */
  changesSettings: boolean;
  run(context: CommandContext, args: Record<string, unknown>): Promise<Reply>;
}

export type Choice = APIApplicationCommandOptionChoice<string>;

export interface AutocompleteContext {
  interaction: AutocompleteInteraction<'cached'>;
  deps: BotDeps;
  guildId: string;
}

/** Suggestions for one option of one command (or subcommand). */
export interface AutocompleteRoute {
  command: string;
  subcommand?: string;
  option: string;
  suggest(context: AutocompleteContext, typed: string): Promise<Choice[]>;
}

/** Everything the router dispatches, looked up by command, subcommand and (for autocomplete) option name. */
export interface CommandTable {
  definitions: readonly CommandDefinition[];
  commands: readonly ChatInputRoute[];
  autocompletes: readonly AutocompleteRoute[];
}

/**
 * A route whose handler receives arguments typed from the definition. The router reads them from the
 * interaction of this very command, which is what makes the cast below sound.
 */
export function commandRoute<D extends CommandDefinition, S extends SubcommandName<D> = never>(
  definition: D,
  spec: { subcommand?: S; changesSettings?: boolean; run(context: CommandContext, args: ArgsOf<D, S>): Promise<Reply> },
): ChatInputRoute {
  return {
    command: definition.name,
    subcommand: spec.subcommand,
    changesSettings: spec.changesSettings ?? false,
    run: spec.run as ChatInputRoute['run'],
  };
}

export function autocompleteRoute<D extends CommandDefinition, S extends SubcommandName<D> = never>(
  definition: D,
  spec: { subcommand?: S; option: string; suggest: AutocompleteRoute['suggest'] },
): AutocompleteRoute {
  return { command: definition.name, subcommand: spec.subcommand, option: spec.option, suggest: spec.suggest };
}
