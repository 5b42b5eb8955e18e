import type { APIActionRowComponent, APIApplicationCommandOptionChoice, APIButtonComponent, APIEmbed } from 'discord-api-types/v10';
import type { AutocompleteInteraction, ChatInputCommandInteraction, Guild } from 'discord.js';
import type { BotDeps } from '../bot-deps';
import type { ArgsOf, CommandDefinition, SubcommandName } from './command-args';

/** What a command answers: plain text, or embeds (and buttons, for a list's pages). */
export type Reply = string | { content?: string; embeds: APIEmbed[]; components?: APIActionRowComponent<APIButtonComponent>[] };

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

/** What a list needs to be drawn again when a page button is clicked, without the command's interaction. */
export interface ListContext {
  guild: Guild;
  deps: BotDeps;
  guildId: string;
  now: Date;
}

/** A list its page buttons can redraw: `kind` is what the button's custom_id names. */
export interface ListRoute {
  kind: string;
  /** The list, or a plain answer (e.g. "no rules yet") when there is nothing to page. */
  view(context: ListContext, filter: string | undefined): Promise<ListViewOrText>;
}

export type ListViewOrText = { heading: string; lines: string[]; filter?: string } | string;

/** Everything the router dispatches, looked up by command, subcommand and (for autocomplete) option name. */
export interface CommandTable {
  definitions: readonly CommandDefinition[];
  commands: readonly ChatInputRoute[];
  autocompletes: readonly AutocompleteRoute[];
  /** Lists with page buttons, by kind. */
  lists: readonly ListRoute[];
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
