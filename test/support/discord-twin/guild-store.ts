import { BOT_ROLE_PERMISSIONS, EVERYONE_PERMISSIONS, Permission, type Overwrite } from './permissions';
import type { SnowflakeGenerator } from './snowflake';
import type { MemberPreset, TwinGuild, TwinGuildInput } from './types';

export interface RoleRecord {
  id: string;
  name: string;
  permissions: bigint;
  position: number;
  managed: boolean;
  botId?: string;
}

export interface ChannelRecord {
  id: string;
  guildId: string;
  name: string;
  type: number;
  position: number;
  overwrites: Overwrite[];
  /** Forum (15) and media (16) channels: the tags a post may carry. */
  availableTags?: { id: string; name: string }[];
  /** Threads (11): the forum the post belongs to, who created it, its tags, whether it is archived. */
  thread?: { parentId: string; ownerId: string; appliedTags: string[]; archived: boolean };
}

export interface MemberRecord {
  userId: string;
  username: string;
  roles: string[];
  joinedAt: string;
  bot: boolean;
}

export interface GuildRecord {
  id: string;
  name: string;
  ownerId: string;
  joinedAt: string;
  botRoleId: string;
  roles: RoleRecord[];
  channels: ChannelRecord[];
  members: MemberRecord[];
  systemChannelId?: string;
}

export interface BotIdentity {
  id: string;
  username: string;
}

export interface GuildStore {
  add(input: TwinGuildInput): GuildRecord;
  remove(guildId: string): GuildRecord | undefined;
  get(guildId: string): GuildRecord | undefined;
  all(): GuildRecord[];
  findChannel(channelId: string): { guild: GuildRecord; channel: ChannelRecord } | undefined;
  removeChannel(guildId: string, channelId: string): ChannelRecord | undefined;
}

const PRESET_ROLES: Record<Exclude<MemberPreset, 'member'>, { name: string; permissions: bigint }> = {
  admin: { name: 'Admin', permissions: Permission.Administrator },
  'manage-guild': { name: 'Manager', permissions: Permission.ManageGuild },
};

export function createGuildStore(ids: SnowflakeGenerator, bot: BotIdentity, now: () => number): GuildStore {
  const guilds = new Map<string, GuildRecord>();
  return {
    add(input) {
      const guild = buildGuild(input, ids, bot, new Date(now()).toISOString());
      guilds.set(guild.id, guild);
      return guild;
    },
    remove(guildId) {
      const guild = guilds.get(guildId);
      guilds.delete(guildId);
      return guild;
    },
    get: (guildId) => guilds.get(guildId),
    all: () => [...guilds.values()],
    findChannel(channelId) {
      for (const guild of guilds.values()) {
        const channel = guild.channels.find((candidate) => candidate.id === channelId);
        if (channel) return { guild, channel };
      }
      return undefined;
    },
    removeChannel(guildId, channelId) {
      const guild = guilds.get(guildId);
      const index = guild?.channels.findIndex((channel) => channel.id === channelId) ?? -1;
      if (!guild || index < 0) return undefined;
      return guild.channels.splice(index, 1)[0];
    },
  };
}

function buildGuild(input: TwinGuildInput, ids: SnowflakeGenerator, bot: BotIdentity, joinedAt: string): GuildRecord {
  const id = input.id ?? ids.next();
  const botRoleId = ids.next();
  const roles: RoleRecord[] = [
    { id, name: '@everyone', permissions: EVERYONE_PERMISSIONS, position: 0, managed: false },
    { id: botRoleId, name: bot.username, permissions: BOT_ROLE_PERMISSIONS, position: 1, managed: true, botId: bot.id },
  ];
  for (const role of input.roles ?? []) {
    const permissions = BigInt(role.permissions ?? '0');
    roles.push({ id: role.id ?? ids.next(), name: role.name, permissions, position: roles.length, managed: false });
  }
  const channelInputs = input.channels ?? [{ name: 'general' }];
  const channels: ChannelRecord[] = channelInputs.map((channel, position) => ({
    id: channel.id ?? ids.next(),
    guildId: id,
    name: channel.name,
    type: channel.type ?? 0,
    position,
    overwrites: [],
    ...(channel.type === 15 || channel.type === 16 ? { availableTags: (channel.availableTags ?? []).map((name) => ({ id: ids.next(), name })) } : {}),
  }));
  const members: MemberRecord[] = [{ userId: bot.id, username: bot.username, roles: [botRoleId], joinedAt, bot: true }];
  for (const member of input.members ?? []) {
    const memberRoles = (member.roles ?? []).map((role) => roles.find((r) => r.name === role)?.id ?? role);
    if (member.permissions && member.permissions !== 'member') {
      memberRoles.push(ensurePresetRole(roles, member.permissions, ids).id);
    }
    const username = member.username ?? `user-${member.userId.slice(-4)}`;
    members.push({ userId: member.userId, username, roles: memberRoles, joinedAt, bot: false });
  }
  // The owner resolves to every permission, so by default nobody listed in members owns the guild.
  const ownerId = input.ownerId ?? ids.next();
  const systemChannelId = input.systemChannel === undefined ? undefined : channels.find((c) => c.name === input.systemChannel)?.id;
  return { id, name: input.name ?? `Guild ${id.slice(-4)}`, ownerId, joinedAt, botRoleId, roles, channels, members, systemChannelId };
}

function ensurePresetRole(roles: RoleRecord[], preset: keyof typeof PRESET_ROLES, ids: SnowflakeGenerator): RoleRecord {
  const { name, permissions } = PRESET_ROLES[preset];
  const existing = roles.find((role) => role.name === name && role.permissions === permissions);
  if (existing) return existing;
  const role: RoleRecord = { id: ids.next(), name, permissions, position: roles.length, managed: false };
  roles.push(role);
  return role;
}

/** A read-only view of a guild record for tests; reflects later changes such as deleted channels. */
export function viewGuild(guild: GuildRecord): TwinGuild {
  const lookup = (kind: string, list: { id: string; name: string }[], name: string): string => {
    const found = list.find((entry) => entry.name === name);
    if (!found) throw new Error(`Discord twin: guild ${guild.id} has no ${kind} named "${name}"`);
    return found.id;
  };
  return {
    id: guild.id,
    name: guild.name,
    ownerId: guild.ownerId,
    botRoleId: guild.botRoleId,
    get channels() {
      return guild.channels.map(({ id, name, type }) => ({ id, name, type }));
    },
    get roles() {
      return guild.roles.map(({ id, name, permissions }) => ({ id, name, permissions: permissions.toString() }));
    },
    get members() {
      return guild.members.map(({ userId, username, roles }) => ({ userId, username, roles: [...roles] }));
    },
    channelId: (name) => lookup('channel', guild.channels, name),
    roleId: (name) => lookup('role', guild.roles, name),
  };
}
