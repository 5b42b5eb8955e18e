import type { ChannelRecord, GuildRecord, MemberRecord, RoleRecord } from './guild-store';
import type { TwinMessage } from './types';

/** Builders for the JSON shapes Discord sends; discord.js reads these fields when it caches structures. */
export type Json = Record<string, unknown>;

export function userPayload(id: string, username: string, bot = false): Json {
  return { id, username, discriminator: '0', global_name: bot ? null : username, avatar: null, bot, system: false, public_flags: 0, flags: 0, banner: null, accent_color: null, avatar_decoration_data: null };
}

export function rolePayload(role: RoleRecord): Json {
  return {
    id: role.id,
    name: role.name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: role.position,
    permissions: role.permissions.toString(),
    managed: role.managed,
    mentionable: false,
    flags: 0,
    ...(role.botId ? { tags: { bot_id: role.botId } } : {}),
  };
}

export function channelPayload(channel: ChannelRecord): Json {
  const base: Json = {
    id: channel.id,
    type: channel.type,
    guild_id: channel.guildId,
    name: channel.name,
    position: channel.position,
    permission_overwrites: channel.overwrites.map((overwrite) => ({
      id: overwrite.id,
      type: overwrite.type,
      allow: overwrite.allow.toString(),
      deny: overwrite.deny.toString(),
    })),
    parent_id: null,
    nsfw: false,
    flags: 0,
  };
  if (channel.type === 4) return base;
  if (channel.type === 15 || channel.type === 16) {
    return {
      ...base,
      topic: null,
      last_message_id: null,
      rate_limit_per_user: 0,
      default_thread_rate_limit_per_user: 0,
      default_auto_archive_duration: 4320,
      available_tags: (channel.availableTags ?? []).map((tag) => ({ id: tag.id, name: tag.name, moderated: false, emoji_id: null, emoji_name: null })),
      default_reaction_emoji: null,
      default_sort_order: null,
      default_forum_layout: 0,
    };
  }
  if (channel.thread) {
    const { thread } = channel;
    return {
      ...base,
      parent_id: thread.parentId,
      owner_id: thread.ownerId,
      applied_tags: [...thread.appliedTags],
      last_message_id: channel.id,
      rate_limit_per_user: 0,
      message_count: 1,
      member_count: 1,
      total_message_sent: 1,
      thread_metadata: { archived: thread.archived, auto_archive_duration: 4320, archive_timestamp: new Date(0).toISOString(), locked: false, create_timestamp: new Date().toISOString() },
    };
  }
  if (channel.type === 2 || channel.type === 13) return { ...base, bitrate: 64_000, user_limit: 0, rtc_region: null, last_message_id: null, rate_limit_per_user: 0 };
  return { ...base, topic: null, last_message_id: null, rate_limit_per_user: 0, default_thread_rate_limit_per_user: 0 };
}

export function memberPayload(member: MemberRecord): Json {
  return {
    user: userPayload(member.userId, member.username, member.bot),
    nick: null,
    avatar: null,
    banner: null,
    roles: [...member.roles],
    joined_at: member.joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
  };
}

/** The REST guild object (no members or channels). */
export function guildPayload(guild: GuildRecord): Json {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: guild.roles.map(rolePayload),
    emojis: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: guild.systemChannelId ?? null,
    system_channel_flags: 0,
    rules_channel_id: null,
    max_presences: null,
    max_members: 500_000,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    nsfw_level: 0,
    stickers: [],
    premium_progress_bar_enabled: false,
    safety_alerts_channel_id: null,
    incidents_data: null,
  };
}

/** GUILD_CREATE: the REST guild plus the gateway-only fields (members, channels, joined_at...). */
export function gatewayGuildPayload(guild: GuildRecord): Json {
  return {
    ...guildPayload(guild),
    joined_at: guild.joinedAt,
    large: false,
    unavailable: false,
    member_count: guild.members.length,
    voice_states: [],
    members: guild.members.map(memberPayload),
    channels: guild.channels.filter((channel) => !channel.thread).map(channelPayload),
    threads: guild.channels.filter((channel) => channel.thread && !channel.thread.archived).map(channelPayload),
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    lazy: true,
    application_command_counts: {},
    embedded_activities: [],
    activity_instances: [],
  };
}

/** The message object Discord returns from REST (the stored copy minus what Discord does not echo). */
export function messageResponse(message: TwinMessage, extra: Json = {}): Json {
  const { allowed_mentions: _allowedMentions, guild_id: _guildId, ...rest } = message;
  return {
    type: 0,
    ...rest,
    author: userPayload(message.author.id, message.author.username, message.author.bot),
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    components: message.components ?? [],
    ...extra,
  };
}
