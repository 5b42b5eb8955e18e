import { isRecord } from '../form-errors';
import type { ChannelRecord, GuildRecord } from '../guild-store';
import { messageResponse } from '../payloads';
import { hasPermission, Permission } from '../permissions';
import { Errors, errorResult, jsonResult, type RouteContext, type RouteDefinition, type RouteResult } from '../router';
import { channelPermissionsOf } from '../state';
import type { TwinMessage } from '../types';
import { validateMessageBody } from '../validate-message';
import type { RouteDeps } from './route-deps';
import { isForum } from './thread-routes';

type Located = { guild: GuildRecord; channel: ChannelRecord };

/** Channel messages: create (rate-limited, validated, nonce-deduplicated), fetch, edit, delete. */
export function messageRoutes({ state }: RouteDeps): RouteDefinition[] {
  const { config, messages } = state;
  const inChannel = (action: (located: Located, context: RouteContext) => RouteResult) => (context: RouteContext) => {
    const located = state.guilds.findChannel(context.params.channelId ?? '');
    return located ? action(located, context) : Errors.unknownChannel();
  };
  const botMessage = (channelId: string, messageId: string | undefined): TwinMessage | undefined =>
    messageId === undefined ? undefined : messages.find(channelId, messageId);

  const create = inChannel((located, { body }) => {
    const denied = checkSendPermission(located, config.bot.id);
    if (denied) return denied;
    // A forum takes posts (POST …/threads), never messages of its own
    if (isForum(located.channel)) return errorResult(400, 50008, 'Cannot send messages in a non-text channel');
    const invalid = validateMessageBody(body);
    if (invalid) return jsonResult(400, invalid);
    const fields = body as Record<string, unknown>;
    const nonce = typeof fields.nonce === 'string' || typeof fields.nonce === 'number' ? fields.nonce : undefined;
    if (nonce !== undefined && fields.enforce_nonce === true) {
      // Discord returns the earlier message instead of creating a second one
      const earlier = messages.findByNonce(located.channel.id, nonce);
      if (earlier) return jsonResult(200, messageResponse(earlier));
    }
    const message: TwinMessage = {
      id: state.ids.next(),
      channel_id: located.channel.id,
      guild_id: located.guild.id,
      author: { id: config.bot.id, username: config.bot.username, bot: true },
      content: typeof fields.content === 'string' ? fields.content : '',
      embeds: Array.isArray(fields.embeds) ? fields.embeds : [],
      ...(fields.allowed_mentions !== undefined ? { allowed_mentions: fields.allowed_mentions } : {}),
      ...(nonce !== undefined ? { nonce } : {}),
      flags: typeof fields.flags === 'number' ? fields.flags : 0,
      timestamp: new Date(config.now()).toISOString(),
      edited_timestamp: null,
      attachments: Array.isArray(fields.attachments) ? fields.attachments : [],
      ...(Array.isArray(fields.components) ? { components: fields.components } : {}),
    };
    messages.add(message);
    return jsonResult(200, messageResponse(message));
  });

  const edit = inChannel((located, { params, body }) => {
    const message = botMessage(located.channel.id, params.messageId);
    if (!message) return Errors.unknownMessage();
    const invalid = validateMessageBody(body, { allowEmpty: true });
    if (invalid) return jsonResult(400, invalid);
    const fields = body as Record<string, unknown>;
    if (typeof fields.content === 'string') message.content = fields.content;
    if (Array.isArray(fields.embeds)) message.embeds = fields.embeds;
    if (isRecord(fields.allowed_mentions)) message.allowed_mentions = fields.allowed_mentions;
    if (typeof fields.flags === 'number') message.flags = fields.flags;
    if (Array.isArray(fields.components)) message.components = fields.components;
    message.edited_timestamp = new Date(config.now()).toISOString();
    return jsonResult(200, messageResponse(message));
  });

  return [
    {
      method: 'POST',
      pattern: '/channels/:channelId/messages',
      bucket: (params) => ({ route: 'POST /channels/:id/messages', major: params.channelId ?? '', limit: config.messageLimit }),
      handle: create,
    },
    {
      method: 'GET',
      pattern: '/channels/:channelId/messages',
      handle: inChannel((located, { query }) => listMessages(located, query, config.bot.id, messages.list(located.channel.id))),
    },
    {
      method: 'GET',
      pattern: '/channels/:channelId/messages/:messageId',
      handle: inChannel(({ channel }, { params }) => {
        const message = botMessage(channel.id, params.messageId);
        return message ? jsonResult(200, messageResponse(message)) : Errors.unknownMessage();
      }),
    },
    { method: 'PATCH', pattern: '/channels/:channelId/messages/:messageId', handle: edit },
    {
      method: 'DELETE',
      pattern: '/channels/:channelId/messages/:messageId',
      handle: inChannel(({ channel }, { params }) =>
        messages.remove(channel.id, params.messageId ?? '') ? { status: 204 } : Errors.unknownMessage(),
      ),
    },
  ];
}

/**
 * GET /channels/:id/messages as Discord documents it: 403/50001 without VIEW_CHANNEL; no messages at all
 * without READ_MESSAGE_HISTORY; `limit` 1–100 (default 50); `before` / `after` a message id (`after`
 * gives the messages right after it); newest first.
 */
function listMessages(located: Located, query: URLSearchParams, botId: string, all: TwinMessage[]): RouteResult {
  const permissions = channelPermissionsOf(located.guild, located.channel, botId);
  if (!hasPermission(permissions, Permission.ViewChannel)) return Errors.missingAccess();
  if (!hasPermission(permissions, Permission.ReadMessageHistory)) return jsonResult(200, []);
  const limit = Number(query.get('limit') ?? '50');
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) return jsonResult(400, { message: 'Invalid Form Body', code: 50035, errors: { limit: { _errors: [{ code: 'NUMBER_TYPE_MAX', message: 'int value should be between 1 and 100.' }] } } });
  const [before, after] = [query.get('before'), query.get('after')];
  if ([before, after].some((id) => id !== null && !/^\d{1,20}$/.test(id))) return jsonResult(400, { message: 'Invalid Form Body', code: 50035 });
  const ascending = all.filter((m) => (before === null || BigInt(m.id) < BigInt(before)) && (after === null || BigInt(m.id) > BigInt(after)));
  const page = after !== null && before === null ? ascending.slice(0, limit) : ascending.slice(-limit);
  return jsonResult(200, page.reverse().map((message) => messageResponse(message)));
}

/** 50001 without VIEW_CHANNEL, 50013 without SEND_MESSAGES, as Discord answers a bot. */
function checkSendPermission({ guild, channel }: Located, botId: string): RouteResult | undefined {
  const permissions = channelPermissionsOf(guild, channel, botId);
  if (!hasPermission(permissions, Permission.ViewChannel)) return Errors.missingAccess();
  if (!hasPermission(permissions, Permission.SendMessages)) return Errors.missingPermissions();
  return undefined;
}
