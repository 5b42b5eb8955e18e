import type { APIEmbed } from 'discord-api-types/v10';
import { digestScheduleOf } from '../../guilds/channel-delivery';
import type { Delivery, GuildSettings } from '../../guilds/guild-settings';
import { makeSampleDigest } from '../../preview/sample-digest';
import { buildSampleAlert } from '../../preview/build-sample-alert';
import { makeSampleItem } from '../../preview/sample-item';
import type { BotDeps } from '../bot-deps';
import { formatAlertMessage } from '../format-alert';
import { rulesFor } from './rule-lines';
import { catalogOf } from './topic-options';

/**
 * The end of a `/subscribe` answer: the sample story as the real formatter would post it in that channel
 * (this server's topics and rules, the subscription's topic and mention), so the admin sees the result.
 */
export function subscribePreview(
  deps: Pick<BotDeps, 'builtInTopics' | 'builtInRules'>,
  settings: GuildSettings,
  subscription: { channelId: string; topicId?: string; mentionRoleId?: string; delivery?: Delivery },
  now: Date,
): { content: string; embeds: APIEmbed[] } {
  if (digestScheduleOf(subscription.delivery)) {
    // A digest channel sees digests, not alerts: show one, made of sample stories in this server's topics.
    const topics = catalogOf(deps, settings).filter((t) => subscription.topicId === undefined || t.id === subscription.topicId);
    const digest = formatAlertMessage({ ...makeSampleDigest(topics, now), mentionRoleId: subscription.mentionRoleId });
    return { content: `Digests in <#${subscription.channelId}> will look like this sample (invented stories):\n${digest.content ?? ''}`, embeds: digest.embeds ?? [] };
  }
  const sample = buildSampleAlert({
    item: makeSampleItem({ now }),
    topics: catalogOf(deps, settings),
    rules: rulesFor(deps.builtInRules, settings),
    now,
    ...(subscription.topicId !== undefined ? { topicId: subscription.topicId } : {}),
    ...(subscription.mentionRoleId !== undefined ? { mentionRoleId: subscription.mentionRoleId } : {}),
  });
  if (subscription.delivery?.compact) {
    const line = formatAlertMessage({ ...sample.alert, compact: true });
    return { content: `Each alert in <#${subscription.channelId}> will be one line, like this sample:\n${line.content ?? ''}`, embeds: [] };
  }
  const message = formatAlertMessage(sample.alert);
  const mention = message.content ? ` It starts with ${message.content}.` : '';
  const fit = sample.note ? ' (This sample story matches none of the topic\'s rules; it only shows the layout.)' : '';
  return {
    content: `Each alert in <#${subscription.channelId}> will look like this sample:${mention}${fit}`,
    embeds: message.embeds ?? [],
  };
}
