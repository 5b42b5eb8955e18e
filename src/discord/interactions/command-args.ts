import { ApplicationCommandOptionType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { CommandInteractionOption } from 'discord.js';

export type CommandDefinition = RESTPostAPIChatInputApplicationCommandsJSONBody;

type OptionsOf<T> = T extends { options?: infer O } ? (O extends readonly (infer E)[] ? E : never) : never;
type SubcommandOf<T, S> = Extract<OptionsOf<T>, { type: ApplicationCommandOptionType.Subcommand; name: S }>;

/** The subcommand names a definition declares (never when it has none). */
export type SubcommandName<T> = Extract<OptionsOf<T>, { type: ApplicationCommandOptionType.Subcommand }> extends { name: infer N extends string } ? N : never;

// Channel, role and user options arrive as their ids: handlers look them up in the guild cache themselves.
type ValueOf<O> = O extends { type: ApplicationCommandOptionType.Integer | ApplicationCommandOptionType.Number }
  ? number
  : O extends { type: ApplicationCommandOptionType.Boolean }
    ? boolean
    : string;

type ArgsFromOptions<O> = {
  [K in O as K extends { required: true; name: infer N extends string } ? N : never]: ValueOf<K>;
} & {
  [K in O as K extends { required: true } ? never : K extends { name: infer N extends string } ? N : never]?: ValueOf<K>;
};

/**
 * A handler's arguments, typed from its command definition (yuudachi's `ArgsParam`): required options
 * are present, the others optional, so renaming an option in the definition breaks its handler's build.
 */
export type ArgsOf<T, S = never> = [S] extends [never] ? ArgsFromOptions<OptionsOf<T>> : ArgsFromOptions<OptionsOf<SubcommandOf<T, S>>>;

/** Keeps a definition's literal types (names, option types, `required: true`) for ArgsOf while checking it against Discord's schema. */
export function defineCommand<const T extends CommandDefinition>(definition: T): T {
  return definition;
}

const NESTING = new Set([ApplicationCommandOptionType.Subcommand, ApplicationCommandOptionType.SubcommandGroup]);

/** The leaf options of an interaction, by name, with the raw values Discord sent (ids for channels, roles, users). */
export function readArgs(options: readonly CommandInteractionOption[]): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const option of options) {
    if (NESTING.has(option.type)) Object.assign(args, readArgs(option.options ?? []));
    else if (option.value !== undefined) args[option.name] = option.value;
  }
  return args;
}
