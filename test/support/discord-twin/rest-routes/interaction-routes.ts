import { isRecord, type DiscordErrorBody } from '../form-errors';
import type { InteractionBroker, PendingInteraction } from '../interactions';
import { pickMessageFields } from '../message-ref';
import { messageResponse, userPayload, type Json } from '../payloads';
import { Errors, jsonResult, type RouteContext, type RouteDefinition, type RouteResult } from '../router';
import type { TwinState } from '../state';
import { validateMessageBody } from '../validate-message';
import type { RouteDeps } from './route-deps';

/** Interaction callback types (docs: interactions/receiving-and-responding). */
const Callback = { Message: 4, Deferred: 5, DeferredUpdate: 6, Update: 7, Autocomplete: 8, Modal: 9 } as const;
const ALLOWED_CALLBACKS: Record<PendingInteraction['kind'], number[]> = {
  command: [Callback.Message, Callback.Deferred, Callback.Modal],
  autocomplete: [Callback.Autocomplete],
  component: [Callback.Message, Callback.Deferred, Callback.DeferredUpdate, Callback.Update, Callback.Modal],
};

/** The callback plus the interaction webhook (@original edits and follow-ups); none of them take a bot token. */
export function interactionRoutes({ state, interactions }: RouteDeps): RouteDefinition[] {
  const withToken = (action: (pending: PendingInteraction, context: RouteContext) => RouteResult) => (context: RouteContext) => {
    const pending = interactions.byToken(context.params.token ?? '');
    if (context.params.appId !== state.config.applicationId || !pending) return Errors.unknownWebhook();
    return action(pending, context);
  };
  return [
    { method: 'POST', pattern: '/interactions/:interactionId/:token/callback', auth: false, handle: (context) => callback(state, interactions, context) },
    { method: 'POST', pattern: '/webhooks/:appId/:token', auth: false, handle: withToken((pending, context) => followUp(state, interactions, pending, context)) },
    {
      method: 'GET',
      pattern: '/webhooks/:appId/:token/messages/:messageId',
      auth: false,
      handle: withToken((pending, { params }) => {
        const id = resolveId(pending, params.messageId);
        const message = pending.target?.id === id ? pending.target.read() : pending.messages.get(id);
        return message ? jsonResult(200, message) : Errors.unknownMessage();
      }),
    },
    { method: 'PATCH', pattern: '/webhooks/:appId/:token/messages/:messageId', auth: false, handle: withToken((pending, context) => editResponse(state, interactions, pending, context)) },
    {
      method: 'DELETE',
      pattern: '/webhooks/:appId/:token/messages/:messageId',
      auth: false,
      handle: withToken((pending, { params }) => {
        const id = resolveId(pending, params.messageId);
        if (!pending.messages.delete(id)) return Errors.unknownMessage();
        if (id === pending.originalId) pending.record.recordDelete();
        return { status: 204 };
      }),
    },
  ];
}

function callback(state: TwinState, interactions: InteractionBroker, { params, body, query }: RouteContext): RouteResult {
  const pending = interactions.byId(params.interactionId ?? '');
  if (!pending || pending.token !== params.token || pending.expired) return Errors.unknownInteraction();
  if (pending.acknowledged) return Errors.alreadyAcknowledged();
  const type = isRecord(body) ? body.type : undefined;
  const data = isRecord(body) && isRecord(body.data) ? body.data : undefined;
  if (typeof type !== 'number' || !ALLOWED_CALLBACKS[pending.kind].includes(type)) {
    return jsonResult(400, { code: 50035, message: 'Invalid Form Body', errors: { type: { _errors: [{ code: 'INTERACTION_CALLBACK_TYPE_INVALID', message: 'Invalid interaction callback type.' }] } } });
  }
  if (type === Callback.Message || type === Callback.Update) {
    const invalid = validateMessageBody(data ?? {}, { allowEmpty: type === Callback.Update });
    if (invalid) return jsonResult(400, nestUnderData(invalid));
  }
  pending.acknowledged = true;
  pending.record.recordInitial(type, data);
  if (type === Callback.Message || type === Callback.Deferred) {
    pending.originalId = state.ids.next();
    pending.messages.set(pending.originalId, responseMessage(state, pending, pending.originalId, type === Callback.Deferred ? { flags: data?.flags } : (data ?? {})));
  }
  // A component's UPDATE_MESSAGE (or its deferred form) edits the message the component is on, which then is @original
  if ((type === Callback.Update || type === Callback.DeferredUpdate) && pending.target) {
    pending.originalId = pending.target.id;
    if (type === Callback.Update) pending.target.write(data ?? {});
  }
  pending.record.messageId = pending.originalId;
  if (type === Callback.Autocomplete) pending.choices = Array.isArray(data?.choices) ? (data.choices as PendingInteraction['choices']) : [];
  if (type === Callback.Deferred || type === Callback.DeferredUpdate) {
    pending.deferred = true;
    interactions.startTimer(pending, state.config.deferredTimeoutMs, () => {
      pending.reject(new Error(`Discord twin: the bot deferred /${pending.name} but never edited or followed up within ${state.config.deferredTimeoutMs} ms`));
    });
  } else {
    interactions.finish(pending);
  }
  if (query.get('with_response') !== 'true') return { status: 204 };
  return jsonResult(200, {
    interaction: {
      id: pending.id,
      type: { command: 2, autocomplete: 4, component: 3 }[pending.kind],
      activity_instance_id: null,
      response_message_id: pending.originalId,
      response_message_loading: type === Callback.Deferred,
      response_message_ephemeral: pending.record.ephemeral,
    },
    resource: { type, ...(pending.originalId ? { message: pending.target?.id === pending.originalId ? pending.target.read() : pending.messages.get(pending.originalId) } : {}) },
  });
}

function editResponse(state: TwinState, interactions: InteractionBroker, pending: PendingInteraction, { params, body }: RouteContext): RouteResult {
  const id = resolveId(pending, params.messageId);
  const target = pending.target?.id === id ? pending.target : undefined;
  const existing = target ? target.read() : pending.messages.get(id);
  if (!existing) return Errors.unknownMessage();
  const invalid = validateMessageBody(body, { allowEmpty: true });
  if (invalid) return jsonResult(400, invalid);
  const fields = body as Json;
  let updated: Json;
  if (target) {
    updated = target.write(fields);
  } else {
    updated = { ...existing, ...pickMessageFields(fields), edited_timestamp: new Date(state.config.now()).toISOString() };
    pending.messages.set(id, updated);
  }
  if (id === pending.originalId) {
    pending.record.recordEdit(fields);
    if (pending.deferred) interactions.finish(pending);
  }
  return jsonResult(200, updated);
}

function followUp(state: TwinState, interactions: InteractionBroker, pending: PendingInteraction, { body, query }: RouteContext): RouteResult {
  if (!pending.acknowledged) return Errors.unknownWebhook();
  const invalid = validateMessageBody(body);
  if (invalid) return jsonResult(400, invalid);
  const fields = body as Json;
  // Discord: after a deferral, the first follow-up fills in the "thinking…" message instead of adding one
  const replacesOriginal = pending.deferred && pending.record.edits.length === 0 && pending.record.followUps.length === 0;
  const id = replacesOriginal && pending.originalId ? pending.originalId : state.ids.next();
  const message = responseMessage(state, pending, id, fields);
  pending.messages.set(id, message);
  pending.record.recordFollowUp(fields, replacesOriginal);
  interactions.finish(pending);
  return query.get('wait') === 'false' ? { status: 204 } : jsonResult(200, message);
}

function resolveId(pending: PendingInteraction, messageId: string | undefined): string {
  return messageId === '@original' ? (pending.originalId ?? '') : (messageId ?? '');
}

function responseMessage(state: TwinState, pending: PendingInteraction, id: string, fields: Json): Json {
  const { config } = state;
  const base = {
    id,
    channel_id: pending.channel.id,
    author: { id: config.bot.id, username: config.bot.username, bot: true },
    content: typeof fields.content === 'string' ? fields.content : '',
    embeds: Array.isArray(fields.embeds) ? fields.embeds : [],
    ...(Array.isArray(fields.components) ? { components: fields.components } : {}),
    flags: typeof fields.flags === 'number' ? fields.flags : 0,
    timestamp: new Date(config.now()).toISOString(),
    edited_timestamp: null,
    attachments: [],
  };
  const invoker = pending.guild.members.find((member) => member.userId === pending.invokerId);
  const interactionMetadata = {
    id: pending.id,
    type: { command: 2, autocomplete: 4, component: 3 }[pending.kind],
    user: userPayload(pending.invokerId, invoker?.username ?? `user-${pending.invokerId.slice(-4)}`, invoker?.bot ?? false),
    authorizing_integration_owners: { '0': pending.guild.id },
  };
  return messageResponse(base, {
    type: 20,
    webhook_id: config.applicationId,
    application_id: config.applicationId,
    guild_id: pending.guild.id,
    interaction_metadata: interactionMetadata,
  });
}

function nestUnderData(error: DiscordErrorBody): DiscordErrorBody {
  return error.errors ? { ...error, errors: { data: error.errors } } : error;
}
