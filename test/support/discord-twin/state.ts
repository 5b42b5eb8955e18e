import { randomBytes } from 'node:crypto';
import { createCommandStore, type CommandStore } from './command-store';
import { createGuildStore, type BotIdentity, type ChannelRecord, type GuildRecord, type GuildStore } from './guild-store';
import { createMessageStore, type MessageStore } from './message-store';
import { computeBasePermissions, computeChannelPermissions } from './permissions';
import { DEFAULT_GLOBAL_PER_SECOND, DEFAULT_MESSAGE_LIMIT } from './rate-limit';
import { createSnowflakeGenerator, type SnowflakeGenerator } from './snowflake';
import type { TwinOptions } from './types';

export const DEFAULT_HEARTBEAT_INTERVAL_MS = 41_250;
// Discord allows 3 s for the first answer and 15 min after a deferral. By default the twin waits far longer for the
// first answer: on a busy machine a bot process can be starved for seconds, and that is no bug of the bot. Tests of
// the deadline itself set interactionTimeoutMs (e.g. 400 ms); whether a slow command defers is seen in the reply type.
export const INTERACTION_TIMEOUT_MS = 30_000;
export const DEFERRED_TIMEOUT_MS = 60_000;
export const DEFAULT_SETTLE_MS = 25;

export interface TwinConfig {
  token: string;
  applicationId: string;
  bot: BotIdentity;
  recommendedShards: number;
  heartbeatIntervalMs: number;
  messageLimit: { limit: number; windowMs: number };
  globalPerSecond: number;
  interactionTimeoutMs: number;
  deferredTimeoutMs: number;
  settleMs: number;
  warnUnknownRoutes: boolean;
  now: () => number;
}

/** Everything the twin knows; REST routes, the gateway and the interaction broker all read and change it. */
export interface TwinState {
  config: TwinConfig;
  ids: SnowflakeGenerator;
  guilds: GuildStore;
  messages: MessageStore;
  commands: CommandStore;
}

export function createTwinState(options: TwinOptions): TwinState {
  const now = options.now ?? Date.now;
  const ids = createSnowflakeGenerator(now);
  const botId = options.botUserId ?? ids.next();
  const config: TwinConfig = {
    // shaped like a real token (base64 user id, timestamp part, HMAC part) so log censoring code behaves normally
    token: options.token ?? `${Buffer.from(botId).toString('base64url')}.twin00.${randomBytes(20).toString('base64url')}`,
    applicationId: options.applicationId ?? botId,
    bot: { id: botId, username: options.botUsername ?? 'Rare Earth Radar' },
    recommendedShards: options.shards ?? 1,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS,
    messageLimit: options.rateLimits?.perChannelMessages ?? DEFAULT_MESSAGE_LIMIT,
    globalPerSecond: options.rateLimits?.globalPerSecond ?? DEFAULT_GLOBAL_PER_SECOND,
    interactionTimeoutMs: options.interactionTimeoutMs ?? INTERACTION_TIMEOUT_MS,
    deferredTimeoutMs: options.deferredTimeoutMs ?? DEFERRED_TIMEOUT_MS,
    settleMs: options.settleMs ?? DEFAULT_SETTLE_MS,
    warnUnknownRoutes: options.warnUnknownRoutes ?? true,
    now,
  };
  return {
    config,
    ids,
    guilds: createGuildStore(ids, config.bot, now),
    messages: createMessageStore(now, options.nonceWindowMs),
    commands: createCommandStore(ids, config.applicationId),
  };
}

export function memberRoleIds(guild: GuildRecord, userId: string): string[] {
  return guild.members.find((member) => member.userId === userId)?.roles ?? [];
}

export function guildPermissionsOf(guild: GuildRecord, userId: string): bigint {
  return computeBasePermissions(guild, { userId, roleIds: memberRoleIds(guild, userId) });
}

export function channelPermissionsOf(guild: GuildRecord, channel: ChannelRecord, userId: string): bigint {
  return computeChannelPermissions(guild, { userId, roleIds: memberRoleIds(guild, userId) }, channel.overwrites);
}
