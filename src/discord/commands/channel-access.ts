import { ChannelType, PermissionFlagsBits, type Guild, type GuildBasedChannel, type PermissionsBitField } from 'discord.js';
import type { ApplicationCommandOptionAllowedChannelType } from 'discord-api-types/v10';
import { UserError } from '../../shared/errors';

/**
 * Alerts go to text and announcement channels, and to forums (one post per story). Threads and voice chats
 * come and go; media channels require an attachment on every post, which an alert does not have.
 */
export const ALERT_CHANNEL_TYPES: ApplicationCommandOptionAllowedChannelType[] = [ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.GuildForum];

/** What an alert needs: to see the channel, post in it (in a forum: create posts), and show an embed. */
const POSTING_PERMISSIONS = [
  { flag: PermissionFlagsBits.ViewChannel, label: 'View Channel', forumLabel: 'View Channel' },
  { flag: PermissionFlagsBits.SendMessages, label: 'Send Messages', forumLabel: 'Create Posts' },
  { flag: PermissionFlagsBits.EmbedLinks, label: 'Embed Links', forumLabel: 'Embed Links' },
] as const;

/** The posting permissions the bot lacks, by their names in Discord's settings (null = unknown = all). */
export function missingPostingPermissions(permissions: Readonly<PermissionsBitField> | null, forum = false): string[] {
  return POSTING_PERMISSIONS.filter((p) => !permissions?.has(p.flag)).map((p) => (forum ? p.forumLabel : p.label));
}

export function isForumChannel(guild: Guild, channelId: string): boolean {
  return guild.channels.cache.get(channelId)?.type === ChannelType.GuildForum;
}

/**
 * Why alerts could not be posted in the channel right now, or undefined when they can. Computed from
 * the gateway cache (roles and overwrites), so it costs no request.
 */
export async function postingProblem(guild: Guild, channelId: string): Promise<string | undefined> {
  const channel: GuildBasedChannel | undefined = guild.channels.cache.get(channelId);
  if (!channel) return `<#${channelId}> no longer exists or I cannot see it`;
  if (!(ALERT_CHANNEL_TYPES as ChannelType[]).includes(channel.type)) return `<#${channelId}> is not a text, announcement or forum channel`;
  const me = guild.members.me ?? (await guild.members.fetchMe());
  const missing = missingPostingPermissions(channel.permissionsFor(me), channel.type === ChannelType.GuildForum);
  if (missing.length > 0) return `I am missing ${missing.join(', ')} in <#${channelId}>; give my role those permissions there`;
  return undefined;
}

/** Refuses, before anything is stored, a channel the bot could not post alerts in. */
export async function requirePostableChannel(guild: Guild, channelId: string): Promise<void> {
  const problem = await postingProblem(guild, channelId);
  if (problem) throw new UserError(`I can't post alerts there: ${problem}. Nothing was changed.`);
}
