import { Routes, type APIApplicationCommand } from 'discord-api-types/v10';
import type { REST } from 'discord.js';
import type { CommandDefinition } from '../interactions/command-args';
import { COMMAND_DEFINITIONS } from './definitions';

type Loose = Record<string, unknown>;

const commandsRoute = (applicationId: string, guildId?: string) =>
  guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);

/**
 * Replaces the application's commands with ours in one bulk overwrite: global by default (Discord may
 * take a while to show changes), or in one server (instant, for development).
 */
export async function registerCommands(
  rest: REST,
  applicationId: string,
  guildId?: string,
  definitions: readonly CommandDefinition[] = COMMAND_DEFINITIONS,
): Promise<APIApplicationCommand[]> {
  return (await rest.put(commandsRoute(applicationId, guildId), { body: definitions })) as APIApplicationCommand[];
}

/** The commands Discord has now, to compare with ours before overwriting. */
export async function fetchCommands(rest: REST, applicationId: string, guildId?: string): Promise<APIApplicationCommand[]> {
  return (await rest.get(commandsRoute(applicationId, guildId))) as APIApplicationCommand[];
}

const sorted = (values: unknown): unknown[] => (Array.isArray(values) ? [...values].sort() : []);

// Discord echoes what we sent plus ids, versions and defaults (omitted `required`, empty lists); compare only what we set.
function normaliseOption(option: Loose): Loose {
  return {
    type: option.type,
    name: option.name,
    description: option.description ?? '',
    required: option.required ?? false,
    autocomplete: option.autocomplete ?? false,
    channel_types: sorted(option.channel_types),
    min_length: option.min_length ?? null,
    max_length: option.max_length ?? null,
    min_value: option.min_value ?? null,
    max_value: option.max_value ?? null,
    choices: Array.isArray(option.choices) ? option.choices.map((c: Loose) => ({ name: c.name, value: c.value })) : [],
    options: normaliseOptions(option.options),
  };
}

function normaliseOptions(options: unknown): Loose[] {
  return Array.isArray(options) ? options.map((option: Loose) => normaliseOption(option)) : [];
}

function normaliseCommand(command: Loose): Loose {
  return {
    type: command.type ?? 1,
    name: command.name,
    description: command.description ?? '',
    default_member_permissions: command.default_member_permissions ?? null,
    contexts: command.contexts == null ? null : sorted(command.contexts),
    integration_types: sorted(command.integration_types ?? [0]),
    nsfw: command.nsfw ?? false,
    options: normaliseOptions(command.options),
  };
}

function normaliseAll(commands: readonly object[]): string {
  const normalised = commands.map((c) => normaliseCommand(c as Loose));
  normalised.sort((a, b) => `${String(a.type)}:${String(a.name)}`.localeCompare(`${String(b.type)}:${String(b.name)}`));
  return JSON.stringify(normalised);
}

/**
 * Whether a bulk overwrite would change anything. Lets start-up skip the overwrite (and Discord's
 * command rate limit) when nothing changed; the order of commands does not matter, the order of options does.
 */
export function commandsChanged(existing: readonly object[], definitions: readonly CommandDefinition[] = COMMAND_DEFINITIONS): boolean {
  return normaliseAll(existing) !== normaliseAll(definitions);
}
