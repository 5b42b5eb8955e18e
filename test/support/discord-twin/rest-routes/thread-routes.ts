import { charLength, createFormErrors, isRecord, maxLengthError } from '../form-errors';
import type { ChannelRecord, GuildRecord } from '../guild-store';
import { channelPayload, messageResponse } from '../payloads';
import { hasPermission, Permission } from '../permissions';
import { Errors, errorResult, jsonResult, type RouteContext, type RouteDefinition, type RouteResult } from '../router';
import { channelPermissionsOf } from '../state';
import type { TwinMessage } from '../types';
import { validateMessageBody } from '../validate-message';
import type { RouteDeps } from './route-deps';

const THREAD_NAME_MAX = 100;
const APPLIED_TAGS_MAX = 5;
export const isForum = (channel: ChannelRecord): boolean => channel.type === 15 || channel.type === 16;

/**
 * Forum posts: POST /channels/:forum/threads (name, applied_tags, message) as Discord validates it, and
 * the thread lists a bot reads to find a post whose answer was lost. Text-channel threads are not modelled.
 */
export function threadRoutes({ state }: RouteDeps): RouteDefinition[] {
  const { config } = state;
  const create = ({ params, body }: RouteContext): RouteResult => {
    const located = state.guilds.findChannel(params.channelId ?? '');
    if (!located) return Errors.unknownChannel();
    const { guild, channel } = located;
    if (!isForum(channel)) return errorResult(400, 50024, 'Cannot execute action on this channel type (the twin models forum posts only)');
    const permissions = channelPermissionsOf(guild, channel, config.bot.id);
    if (!hasPermission(permissions, Permission.ViewChannel)) return Errors.missingAccess();
    if (!hasPermission(permissions, Permission.SendMessages)) return Errors.missingPermissions();
    const invalid = validatePost(body, channel);
    if (invalid) return invalid;
    const fields = body as { name: string; applied_tags?: string[]; message: Record<string, unknown> };
    const thread: ChannelRecord = {
      id: state.ids.next(),
      guildId: guild.id,
      name: fields.name,
      type: 11,
      position: 0,
      overwrites: channel.overwrites.map((o) => ({ ...o })),
      thread: { parentId: channel.id, ownerId: config.bot.id, appliedTags: [...(fields.applied_tags ?? [])], archived: false },
    };
    guild.channels.push(thread);
    const message = starterMessage(thread, guild, fields.message, config);
    state.messages.add(message);
    return jsonResult(201, { ...channelPayload(thread), message: messageResponse(message) });
  };
  const threadsOf = (guild: GuildRecord, keep: (thread: ChannelRecord) => boolean) =>
    guild.channels.filter((c) => c.thread !== undefined && keep(c) && hasPermission(channelPermissionsOf(guild, c, config.bot.id), Permission.ViewChannel));
  return [
    { method: 'POST', pattern: '/channels/:channelId/threads', handle: create },
    {
      method: 'GET',
      pattern: '/guilds/:guildId/threads/active',
      handle: ({ params }) => {
        const guild = state.guilds.get(params.guildId ?? '');
        if (!guild) return Errors.unknownGuild();
        return jsonResult(200, { threads: threadsOf(guild, (t) => !t.thread!.archived).map(channelPayload), members: [] });
      },
    },
    {
      method: 'GET',
      pattern: '/channels/:channelId/threads/archived/public',
      handle: ({ params, query }) => {
        const located = state.guilds.findChannel(params.channelId ?? '');
        if (!located) return Errors.unknownChannel();
        const permissions = channelPermissionsOf(located.guild, located.channel, config.bot.id);
        if (!hasPermission(permissions, Permission.ReadMessageHistory)) return Errors.missingAccess();
        const limit = Number(query.get('limit') ?? '50');
        const archived = threadsOf(located.guild, (t) => t.thread!.parentId === located.channel.id && t.thread!.archived).reverse().slice(0, limit);
        return jsonResult(200, { threads: archived.map(channelPayload), members: [], has_more: false });
      },
    },
  ];
}

/** Discord's checks: a name of 1–100 characters, at most five of the forum's own tags, a valid first message. */
function validatePost(body: unknown, forum: ChannelRecord): RouteResult | undefined {
  if (!isRecord(body)) return jsonResult(400, { code: 50109, message: 'The request body contains invalid JSON.' });
  const errors = createFormErrors();
  if (typeof body.name !== 'string' || charLength(body.name.trim()) === 0) errors.add(['name'], 'BASE_TYPE_REQUIRED', 'This field is required');
  else if (charLength(body.name) > THREAD_NAME_MAX) errors.add(['name'], ...maxLengthError(THREAD_NAME_MAX));
  const tags = body.applied_tags;
  if (tags !== undefined) {
    if (!Array.isArray(tags)) errors.add(['applied_tags'], 'BASE_TYPE_ARRAY', 'Must be an array.');
    else {
      if (tags.length > APPLIED_TAGS_MAX) errors.add(['applied_tags'], ...maxLengthError(APPLIED_TAGS_MAX));
      tags.forEach((tag: unknown, i) => {
        if (!forum.availableTags?.some((t) => t.id === tag)) errors.add(['applied_tags', i], 'TAG_NOT_AVAILABLE', 'Tag is not available in this channel.');
      });
    }
  }
  if (!isRecord(body.message)) errors.add(['message'], 'BASE_TYPE_REQUIRED', 'This field is required');
  const formErrors = errors.toBody();
  if (formErrors) return jsonResult(400, formErrors);
  const invalidMessage = validateMessageBody(body.message);
  if (!invalidMessage) return undefined;
  return jsonResult(400, invalidMessage.errors ? { ...invalidMessage, errors: { message: invalidMessage.errors } } : invalidMessage);
}

function starterMessage(thread: ChannelRecord, guild: GuildRecord, fields: Record<string, unknown>, config: RouteDeps['state']['config']): TwinMessage {
  return {
    id: thread.id,
    channel_id: thread.id,
    guild_id: guild.id,
    author: { id: config.bot.id, username: config.bot.username, bot: true },
    content: typeof fields.content === 'string' ? fields.content : '',
    embeds: Array.isArray(fields.embeds) ? fields.embeds : [],
    ...(fields.allowed_mentions !== undefined ? { allowed_mentions: fields.allowed_mentions } : {}),
    flags: typeof fields.flags === 'number' ? fields.flags : 0,
    timestamp: new Date(config.now()).toISOString(),
    edited_timestamp: null,
    attachments: [],
    ...(Array.isArray(fields.components) ? { components: fields.components } : {}),
  };
}
