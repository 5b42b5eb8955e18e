import { UserError } from '../shared/errors';
import type { GuildSettings, Subscription } from './guild-settings';
import { GUILD_LIMITS } from './guild-limits';

export interface Edit {
  settings: GuildSettings;
  /** What changed, in one sentence for the person who asked. */
  message: string;
}

const sameTarget = (channelId: string, topicId: string | undefined) => (s: Subscription) =>
  s.channelId === channelId && s.topicId === topicId;

export function subscribe(
  settings: GuildSettings,
  input: { channelId: string; topicId?: string; topicName?: string; mentionRoleId?: string; forum?: boolean },
  now: Date,
): Edit {
  const what = input.topicName ? `**${input.topicName}**` : 'all topics';
  const mention = input.mentionRoleId ? `, mentioning <@&${input.mentionRoleId}>` : '';
  const existing = settings.subscriptions.find(sameTarget(input.channelId, input.topicId));
  if (existing) {
    const updated = { ...existing, mentionRoleId: input.mentionRoleId, ...(input.forum ? { forum: true } : {}), broken: undefined };
    return {
      settings: { ...settings, subscriptions: settings.subscriptions.map((s) => (s === existing ? updated : s)) },
      message: `<#${input.channelId}> was already subscribed to ${what}; updated it${mention || ', with no mention'}.`,
    };
  }
  if (settings.subscriptions.length >= GUILD_LIMITS.subscriptions) {
    throw new UserError(`This server already has ${GUILD_LIMITS.subscriptions} subscriptions, the most allowed. Remove one with /unsubscribe first.`);
  }
  const subscription: Subscription = {
    channelId: input.channelId,
    topicId: input.topicId,
    mentionRoleId: input.mentionRoleId,
    ...(input.forum ? { forum: true } : {}),
    createdAt: now.toISOString(),
  };
  return {
    settings: { ...settings, subscriptions: [...settings.subscriptions, subscription] },
    message: `Subscribed <#${input.channelId}> to ${what}${mention}.`,
  };
}

/** Without a topic, removes every subscription of the channel. */
export function unsubscribe(settings: GuildSettings, input: { channelId: string; topicId?: string; topicName?: string }): Edit {
  const removed = settings.subscriptions.filter((s) => s.channelId === input.channelId && (input.topicId === undefined || s.topicId === input.topicId));
  if (removed.length === 0) {
    const what = input.topicName ? ` to **${input.topicName}**` : '';
    throw new UserError(`<#${input.channelId}> has no subscription${what}. See /subscriptions.`);
  }
  return {
    settings: { ...settings, subscriptions: settings.subscriptions.filter((s) => !removed.includes(s)) },
    message: `Unsubscribed <#${input.channelId}> from ${input.topicName ? `**${input.topicName}**` : `${removed.length} subscription${removed.length === 1 ? '' : 's'}`}.`,
  };
}

/** Discord refused a post for good: stop routing to this channel until someone re-subscribes. */
export function markChannelBroken(settings: GuildSettings, channelId: string, reason: string, now: Date): GuildSettings {
  return {
    ...settings,
    subscriptions: settings.subscriptions.map((s) => (s.channelId === channelId && !s.broken ? { ...s, broken: { reason, at: now.toISOString() } } : s)),
  };
}
