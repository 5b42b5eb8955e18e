import type { ChannelRecord, GuildRecord } from './guild-store';
import { messageResponse, type Json } from './payloads';
import type { TwinState } from './state';
import type { TwinMessage } from './types';

/** Fields an edit (PATCH or a component's UPDATE_MESSAGE) may change. */
const EDITABLE = ['content', 'embeds', 'components', 'attachments', 'flags'] as const;

export function pickMessageFields(fields: Json): Json {
  const picked: Json = {};
  for (const key of EDITABLE) if (fields[key] !== undefined) picked[key] = fields[key];
  return picked;
}

/** A message some component sits on, wherever the twin keeps it: an interaction response or a channel message. */
export interface MessageRef {
  id: string;
  guild: GuildRecord;
  channel: ChannelRecord;
  /** Only this user sees (and can click) the message; undefined for messages everyone sees. */
  visibleOnlyTo?: string;
  read(): Json;
  /** Applies the edit and returns the message as now stored. */
  write(fields: Json): Json;
}

/** An interaction response message, stored with the interaction that created it. */
export interface ResponseOwner {
  guild: GuildRecord;
  channel: ChannelRecord;
  invokerId: string;
  originalId: string | null;
  messages: Map<string, Json>;
  record: { recordEdit(body: Record<string, unknown>): void };
}

const EPHEMERAL_FLAG = 1 << 6;

export function responseMessageRef(owner: ResponseOwner, id: string, now: () => number): MessageRef | undefined {
  const stored = owner.messages.get(id);
  if (!stored) return undefined;
  const ephemeral = ((typeof stored.flags === 'number' ? stored.flags : 0) & EPHEMERAL_FLAG) !== 0;
  return {
    id,
    guild: owner.guild,
    channel: owner.channel,
    ...(ephemeral ? { visibleOnlyTo: owner.invokerId } : {}),
    read: () => owner.messages.get(id) ?? stored,
    write(fields) {
      const updated = { ...(owner.messages.get(id) ?? stored), ...pickMessageFields(fields), edited_timestamp: new Date(now()).toISOString() };
      owner.messages.set(id, updated);
      if (id === owner.originalId) owner.record.recordEdit(fields);
      return updated;
    },
  };
}

export function channelMessageRef(state: TwinState, messageId: string): MessageRef | undefined {
  for (const guild of state.guilds.all()) {
    for (const channel of guild.channels) {
      const message = state.messages.find(channel.id, messageId);
      if (message) return channelRef(state, guild, channel, message);
    }
  }
  return undefined;
}

function channelRef(state: TwinState, guild: GuildRecord, channel: ChannelRecord, message: TwinMessage): MessageRef {
  return {
    id: message.id,
    guild,
    channel,
    read: () => messageResponse(message),
    write(fields) {
      const picked = pickMessageFields(fields);
      if (typeof picked.content === 'string') message.content = picked.content;
      if (Array.isArray(picked.embeds)) message.embeds = picked.embeds;
      if (Array.isArray(picked.components)) message.components = picked.components;
      if (typeof picked.flags === 'number') message.flags = picked.flags;
      message.edited_timestamp = new Date(state.config.now()).toISOString();
      return messageResponse(message);
    },
  };
}
