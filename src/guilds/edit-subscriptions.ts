import { UserError } from '../shared/errors';
import { channelDelivery, describeDelivery, nextDelivery, type DeliveryInput } from './channel-delivery';
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
  input: { channelId: string; topicId?: string; topicName?: string; mentionRoleId?: string; forum?: boolean; delivery?: DeliveryInput; commandChannelId?: string },
  now: Date,
): Edit {
  const what = input.topicName ? `**${input.topicName}**` : 'all topics';
  const mention = input.mentionRoleId ? `, mentioning <@&${input.mentionRoleId}>` : '';
  const before = channelDelivery(settings, input.channelId);
  const delivery = nextDelivery(before, input.delivery ?? {}, now);
  const leaving = before.mode !== undefined && before.mode !== 'instant' && delivery.mode === undefined ? ' What its digest had collected goes out now as one last digest.' : '';
  const how = describeDelivery(delivery);
  // Delivery belongs to the channel: every subscription of it follows the latest choice.
  const withDelivery = (s: Subscription): Subscription => (s.channelId === input.channelId ? { ...s, delivery: Object.keys(delivery).length > 0 ? delivery : undefined } : s);
  const noticeChannelId = input.commandChannelId ?? settings.noticeChannelId;
  const existing = settings.subscriptions.find(sameTarget(input.channelId, input.topicId));
  if (existing) {
    const updated = { ...existing, mentionRoleId: input.mentionRoleId, ...(input.forum ? { forum: true } : {}), broken: undefined };
    return {
      settings: { ...settings, noticeChannelId, subscriptions: settings.subscriptions.map((s) => withDelivery(s === existing ? updated : s)) },
      message: `<#${input.channelId}> was already subscribed to ${what}; updated it${mention || ', with no mention'}, as ${how}.${leaving}`,
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
  const changedOthers = JSON.stringify(before) !== JSON.stringify(delivery) && settings.subscriptions.some((s) => s.channelId === input.channelId);
  return {
    settings: { ...settings, noticeChannelId, subscriptions: [...settings.subscriptions, subscription].map(withDelivery) },
    message: `Subscribed <#${input.channelId}> to ${what}${mention}${delivery.mode || delivery.compact || delivery.endedDigest ? `, as ${how}` : ''}.${changedOthers ? ` The channel's other subscriptions now get ${how} too.` : ''}`,
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
