import { PermissionFlagsBits, type PermissionsBitField } from 'discord.js';
import { UserError } from '../../shared/errors';

export const MANAGE_GUILD_REQUIRED = 'You need the Manage Server permission to change alerts.';

/**
 * Discord hides commands with `default_member_permissions` from members without them, but server admins
 * can override that per command; the handler checks again so the override cannot grant changes.
 * Administrator implies Manage Server (discord.js `has` checks it by default).
 */
export function hasManageGuild(permissions: Readonly<PermissionsBitField> | null | undefined): boolean {
  return permissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
}

export function requireManageGuild(permissions: Readonly<PermissionsBitField> | null | undefined): void {
  if (!hasManageGuild(permissions)) throw new UserError(MANAGE_GUILD_REQUIRED);
}
