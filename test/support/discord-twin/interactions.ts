import { randomBytes } from 'node:crypto';
import type { Gateway } from './gateway';
import type { ChannelRecord, GuildRecord, MemberRecord } from './guild-store';
import { buildCommandData } from './interaction-payload';
import { InteractionRecord } from './interaction-record';
import { channelMessageRef, responseMessageRef, type MessageRef } from './message-ref';
import { channelPayload, memberPayload, type Json } from './payloads';
import { channelPermissionsOf, type TwinState } from './state';
import type { AutocompleteInput, ClickButtonInput, InteractionResult, InvokeCommandInput } from './types';
import { buttonsOf, ComponentType } from './validate-components';

/** Interaction tokens stay valid for follow-ups for 15 minutes. */
export const INTERACTION_TOKEN_LIFETIME_MS = 15 * 60_000;

export interface PendingInteraction {
  id: string;
  token: string;
  kind: 'command' | 'autocomplete' | 'component';
  /** The command name (or the button's custom_id), for error messages. */
  name: string;
  guild: GuildRecord;
  channel: ChannelRecord;
  invokerId: string;
  /** Component interactions: the message the clicked component is on (what UPDATE_MESSAGE and @original change). */
  target?: MessageRef;
  createdAt: number;
  acknowledged: boolean;
  expired: boolean;
  deferred: boolean;
  finished: boolean;
  originalId: string | null;
  messages: Map<string, Json>;
  record: InteractionRecord;
  choices: { name: string; value: string | number }[];
  resolve(value: unknown): void;
  reject(error: Error): void;
  timers: Set<NodeJS.Timeout>;
}

export interface InteractionBroker {
  invokeCommand(input: InvokeCommandInput): Promise<InteractionResult>;
  autocomplete(input: AutocompleteInput): Promise<{ name: string; value: string | number }[]>;
  clickButton(input: ClickButtonInput): Promise<InteractionResult>;
  byId(id: string): PendingInteraction | undefined;
  /** A live (unexpired) interaction by its webhook token. */
  byToken(token: string): PendingInteraction | undefined;
  /** Settles invokeCommand/autocomplete once the bot has answered and gone quiet for settleMs. */
  finish(pending: PendingInteraction): void;
  startTimer(pending: PendingInteraction, delayMs: number, action: () => void): void;
  close(): void;
}

export function createInteractionBroker(state: TwinState, gateway: Gateway): InteractionBroker {
  const pendings = new Map<string, PendingInteraction>();
  const { config } = state;

  const startTimer = (pending: PendingInteraction, delayMs: number, action: () => void): void => {
    const timer = setTimeout(() => {
      pending.timers.delete(timer);
      action();
    }, delayMs);
    pending.timers.add(timer);
  };
  const clearTimers = (pending: PendingInteraction): void => {
    for (const timer of pending.timers) clearTimeout(timer);
    pending.timers.clear();
  };

  const open = <T>(kind: PendingInteraction['kind'], where: { guild: GuildRecord; channel: ChannelRecord }, name: string, userId: string, build: (pending: PendingInteraction) => Json): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const pending: PendingInteraction = {
        id: state.ids.next(),
        token: `aW50ZXJhY3Rpb24.${randomBytes(48).toString('base64url')}`,
        kind,
        name,
        guild: where.guild,
        channel: where.channel,
        invokerId: userId,
        createdAt: config.now(),
        acknowledged: false,
        expired: false,
        deferred: false,
        finished: false,
        originalId: null,
        messages: new Map(),
        record: new InteractionRecord(),
        choices: [],
        resolve: resolve as (value: unknown) => void,
        reject,
        timers: new Set(),
      };
      pendings.set(pending.id, pending);
      if (!gateway.dispatchInteraction(where.guild.id, build(pending))) {
        pendings.delete(pending.id);
        reject(new Error(`Discord twin: no gateway session owns guild ${where.guild.id}; is the bot logged in on that shard?`));
        return;
      }
      startTimer(pending, config.interactionTimeoutMs, () => {
        if (pending.acknowledged) return;
        pending.expired = true;
        reject(new Error(`Discord twin: the bot did not answer ${kind === 'component' ? `the click on ${name}` : `/${name}`} within ${config.interactionTimeoutMs} ms`));
      });
    });

  const start = <T>(kind: 'command' | 'autocomplete', input: InvokeCommandInput | AutocompleteInput): Promise<T> => {
    const where = locate(state, input.guildId, input.channelId);
    const command = state.commands.findChatInput(input.name, where.guild.id);
    const data = buildCommandData({
      command,
      commandId: command?.id ?? state.ids.next(),
      name: input.name,
      ...(input.subcommandGroup ? { subcommandGroup: input.subcommandGroup } : {}),
      ...(input.subcommand ? { subcommand: input.subcommand } : {}),
      options: input.options ?? {},
      ...(kind === 'autocomplete' ? { focused: (input as AutocompleteInput).focused } : {}),
      guild: where.guild,
      invokerId: input.userId,
    });
    return open<T>(kind, where, input.name, input.userId, (pending) => interactionPayload(state, pending, kind === 'command' ? 2 : 4, data, input.userId));
  };

  const findMessage = (messageId: string): MessageRef | undefined => {
    for (const pending of pendings.values()) {
      const ref = responseMessageRef(pending, messageId, config.now);
      if (ref) return ref;
    }
    return channelMessageRef(state, messageId);
  };

  const clickButton = (input: ClickButtonInput): Promise<InteractionResult> => {
    const target = findMessage(input.messageId);
    if (!target) return Promise.reject(new Error(`Discord twin: no message ${input.messageId} to click on`));
    if (target.visibleOnlyTo !== undefined && target.visibleOnlyTo !== input.userId) {
      return Promise.reject(new Error(`Discord twin: message ${input.messageId} is ephemeral; only user ${target.visibleOnlyTo} sees it and can click its buttons`));
    }
    const message = target.read();
    const button = buttonsOf(message.components).find((candidate) => candidate.customId === input.customId);
    if (!button) return Promise.reject(new Error(`Discord twin: message ${input.messageId} has no button "${input.customId}"`));
    if (button.disabled) return Promise.reject(new Error(`Discord twin: the button "${input.customId}" is disabled; Discord does not let users click it`));
    const data = { custom_id: input.customId, component_type: ComponentType.Button };
    return open<InteractionResult>('component', target, input.customId, input.userId, (pending) => {
      pending.target = target;
      return { ...interactionPayload(state, pending, 3, data, input.userId), message };
    });
  };

  return {
    invokeCommand: (input) => start<InteractionResult>('command', input),
    autocomplete: (input) => start<{ name: string; value: string | number }[]>('autocomplete', input),
    clickButton,
    byId: (id) => pendings.get(id),
    byToken(token) {
      const pending = [...pendings.values()].find((candidate) => candidate.token === token);
      if (!pending || config.now() - pending.createdAt > INTERACTION_TOKEN_LIFETIME_MS) return undefined;
      return pending;
    },
    finish(pending) {
      if (pending.finished) return;
      clearTimers(pending);
      startTimer(pending, config.settleMs, () => {
        pending.finished = true;
        pending.resolve(pending.kind === 'autocomplete' ? pending.choices : pending.record);
      });
    },
    startTimer,
    close() {
      for (const pending of pendings.values()) clearTimers(pending);
    },
  };
}

function locate(state: TwinState, guildId: string, channelId: string): { guild: GuildRecord; channel: ChannelRecord } {
  const guild = state.guilds.get(guildId);
  if (!guild) throw new Error(`Discord twin: unknown guild ${guildId}`);
  const channel = guild.channels.find((candidate) => candidate.id === channelId);
  if (!channel) throw new Error(`Discord twin: guild ${guildId} has no channel ${channelId}`);
  return { guild, channel };
}

function interactionPayload(state: TwinState, pending: PendingInteraction, type: number, data: Json, userId: string): Json {
  const { guild, channel } = pending;
  // users not declared in the guild still invoke commands, as plain members with @everyone's permissions
  const member: MemberRecord = guild.members.find((candidate) => candidate.userId === userId) ?? {
    userId,
    username: `user-${userId.slice(-4)}`,
    roles: [],
    joinedAt: guild.joinedAt,
    bot: false,
  };
  const botPermissions = channelPermissionsOf(guild, channel, state.config.bot.id);
  return {
    id: pending.id,
    application_id: state.config.applicationId,
    type,
    data,
    guild_id: guild.id,
    guild: { id: guild.id, locale: 'en-US', features: [] },
    channel_id: channel.id,
    channel: { ...channelPayload(channel), permissions: channelPermissionsOf(guild, channel, userId).toString() },
    member: { ...memberPayload(member), permissions: channelPermissionsOf(guild, channel, userId).toString() },
    token: pending.token,
    version: 1,
    app_permissions: botPermissions.toString(),
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': guild.id },
    context: 0,
    attachment_size_limit: 10_485_760,
  };
}
