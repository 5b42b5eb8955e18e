import type { StoredCommand } from './command-store';
import { isRecord } from './form-errors';
import type { GuildRecord } from './guild-store';
import { channelPayload, memberPayload, rolePayload, userPayload, type Json } from './payloads';
import { channelPermissionsOf } from './state';

/** Application command option types (docs: interactions/application-commands). */
export const OptionType = { Subcommand: 1, Group: 2, String: 3, Integer: 4, Boolean: 5, User: 6, Channel: 7, Role: 8, Mentionable: 9, Number: 10 } as const;

export interface CommandDataInput {
  command: StoredCommand | undefined;
  commandId: string;
  name: string;
  subcommandGroup?: string;
  subcommand?: string;
  options: Record<string, string | number | boolean>;
  /** Autocomplete: the option being typed; values then stay strings, as Discord sends partial input. */
  focused?: string;
  guild: GuildRecord;
  invokerId: string;
}

/** Builds `data` of an APPLICATION_COMMAND(_AUTOCOMPLETE) interaction, typing options from the registered definition. */
export function buildCommandData(input: CommandDataInput): Json {
  const definitions = optionDefinitions(input.command, input.subcommandGroup, input.subcommand);
  const resolved: Record<string, Record<string, Json>> = {};
  const leafOptions = Object.entries(input.options).map(([name, value]) => {
    const type = definitions.find((definition) => definition.name === name)?.type ?? inferType(value);
    if (input.focused === undefined) addResolved(resolved, type, String(value), input);
    const option: Json = { name, type, value: input.focused === undefined ? coerce(type, value) : String(value) };
    if (name === input.focused) option.focused = true;
    return option;
  });
  let options: Json[] = leafOptions;
  if (input.subcommand) options = [{ name: input.subcommand, type: OptionType.Subcommand, options }];
  if (input.subcommandGroup) options = [{ name: input.subcommandGroup, type: OptionType.Group, options }];
  const data: Json = { id: input.commandId, name: input.name, type: 1, options };
  if (input.command?.guild_id) data.guild_id = input.command.guild_id;
  if (Object.keys(resolved).length > 0) data.resolved = resolved;
  return data;
}

function optionDefinitions(command: StoredCommand | undefined, group?: string, sub?: string): { name: string; type: number }[] {
  let level = asOptions(command?.options);
  if (group) level = asOptions(level.find((option) => option.name === group)?.options);
  if (sub) level = asOptions(level.find((option) => option.name === sub)?.options);
  return level.map((option) => ({ name: String(option.name), type: Number(option.type) }));
}

function asOptions(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function inferType(value: string | number | boolean): number {
  if (typeof value === 'boolean') return OptionType.Boolean;
  if (typeof value === 'number') return Number.isInteger(value) ? OptionType.Integer : OptionType.Number;
  return OptionType.String;
}

function coerce(type: number, value: string | number | boolean): string | number | boolean {
  if (type === OptionType.Integer || type === OptionType.Number) return Number(value);
  if (type === OptionType.Boolean) return value === true || value === 'true';
  return typeof value === 'string' ? value : String(value);
}

function addResolved(resolved: Record<string, Record<string, Json>>, type: number, id: string, input: CommandDataInput): void {
  const { guild } = input;
  const put = (kind: string, entry: Json): void => {
    resolved[kind] = { ...(resolved[kind] ?? {}), [id]: entry };
  };
  const role = guild.roles.find((candidate) => candidate.id === id);
  if (type === OptionType.Role || (type === OptionType.Mentionable && role)) {
    if (role) put('roles', rolePayload(role));
    return;
  }
  if (type === OptionType.User || type === OptionType.Mentionable) {
    const member = guild.members.find((candidate) => candidate.userId === id);
    put('users', member ? userPayload(member.userId, member.username, member.bot) : userPayload(id, `user-${id.slice(-4)}`));
    if (member) {
      const { user: _user, ...rest } = memberPayload(member);
      put('members', rest);
    }
    return;
  }
  if (type === OptionType.Channel) {
    const channel = guild.channels.find((candidate) => candidate.id === id);
    // Discord resolves channels as partials that carry the invoker's permissions in them
    put('channels', channel
      ? { ...channelPayload(channel), permissions: channelPermissionsOf(guild, channel, input.invokerId).toString() }
      : { id, name: 'unknown-channel', type: 0, permissions: '0' });
  }
}
