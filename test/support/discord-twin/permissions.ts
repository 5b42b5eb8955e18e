/** The permission bits the twin reasons about (values from Discord's permission table). */
export const Permission = {
  CreateInstantInvite: 1n << 0n,
  Administrator: 1n << 3n,
  ManageChannels: 1n << 4n,
  ManageGuild: 1n << 5n,
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  UseExternalEmojis: 1n << 18n,
  ChangeNickname: 1n << 26n,
  UseApplicationCommands: 1n << 31n,
} as const;

/** Every permission Discord currently defines (bits 0–50); what an administrator resolves to. */
export const ALL_PERMISSIONS = (1n << 51n) - 1n;

export const EVERYONE_PERMISSIONS =
  Permission.CreateInstantInvite |
  Permission.AddReactions |
  Permission.ViewChannel |
  Permission.SendMessages |
  Permission.EmbedLinks |
  Permission.AttachFiles |
  Permission.ReadMessageHistory |
  Permission.UseExternalEmojis |
  Permission.ChangeNickname |
  Permission.UseApplicationCommands;

export const BOT_ROLE_PERMISSIONS =
  Permission.ViewChannel | Permission.SendMessages | Permission.EmbedLinks | Permission.ReadMessageHistory;

export interface Overwrite {
  id: string;
  /** 0 role, 1 member */
  type: 0 | 1;
  allow: bigint;
  deny: bigint;
}

export interface PermissionSubject {
  userId: string;
  roleIds: readonly string[];
}

export interface PermissionGuild {
  id: string;
  ownerId: string;
  roles: readonly { id: string; permissions: bigint }[];
}

/** Guild-level permissions: @everyone plus the member's roles; owner and administrator get everything. */
export function computeBasePermissions(guild: PermissionGuild, subject: PermissionSubject): bigint {
  if (subject.userId === guild.ownerId) return ALL_PERMISSIONS;
  let permissions = guild.roles.find((role) => role.id === guild.id)?.permissions ?? 0n;
  for (const role of guild.roles) {
    if (subject.roleIds.includes(role.id)) permissions |= role.permissions;
  }
  return (permissions & Permission.Administrator) !== 0n ? ALL_PERMISSIONS : permissions;
}

/** Discord's documented order: @everyone overwrite, then all role overwrites together, then the member's own. */
export function computeChannelPermissions(
  guild: PermissionGuild,
  subject: PermissionSubject,
  overwrites: readonly Overwrite[],
): bigint {
  const base = computeBasePermissions(guild, subject);
  if (base === ALL_PERMISSIONS) return base;
  let permissions = base;
  const everyone = overwrites.find((overwrite) => overwrite.id === guild.id);
  if (everyone) permissions = (permissions & ~everyone.deny) | everyone.allow;
  let roleAllow = 0n;
  let roleDeny = 0n;
  for (const overwrite of overwrites) {
    if (overwrite.type === 0 && subject.roleIds.includes(overwrite.id)) {
      roleAllow |= overwrite.allow;
      roleDeny |= overwrite.deny;
    }
  }
  permissions = (permissions & ~roleDeny) | roleAllow;
  const own = overwrites.find((overwrite) => overwrite.type === 1 && overwrite.id === subject.userId);
  if (own) permissions = (permissions & ~own.deny) | own.allow;
  return permissions;
}

export function hasPermission(permissions: bigint, flag: bigint): boolean {
  return (permissions & flag) === flag;
}
