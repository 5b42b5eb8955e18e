import type { Alert } from './alert';
import { itemTime } from '../feeds/news-item';
import { channelDelivery, digestScheduleOf } from '../guilds/channel-delivery';
import type { GuildSettings } from '../guilds/guild-settings';
import type { BufferedStory } from '../store/digest-store';
import type { StoryKey } from '../store/outbox-store';

export interface DeliveryBatches {
  /** Alerts to post now, marked compact where the channel asked for one-line alerts. */
  instant: { alert: Alert; storyKeys: StoryKey[] }[];
  /** Stories for digest channels, by channel. */
  digest: Map<string, { guildId: string; stories: BufferedStory[] }>;
}

/**
 * Routing decides who gets a story (topics, mutes, ownership); this decides how: a channel on a digest
 * collects it for the due time, any other channel gets it now.
 */
export function splitByDelivery(routed: readonly { alert: Alert; storyKeys: StoryKey[] }[], guilds: readonly GuildSettings[]): DeliveryBatches {
  const byGuild = new Map(guilds.map((g) => [g.guildId, g]));
  const batches: DeliveryBatches = { instant: [], digest: new Map() };
  for (const entry of routed) {
    const { alert } = entry;
    const settings = byGuild.get(alert.guildId);
    const delivery = settings ? channelDelivery(settings, alert.channelId) : {};
    if (!digestScheduleOf(delivery)) {
      batches.instant.push(delivery.compact ? { ...entry, alert: { ...alert, compact: true } } : entry);
      continue;
    }
    const batch = batches.digest.get(alert.channelId) ?? { guildId: alert.guildId, stories: [] };
    batch.stories.push({
      id: alert.id,
      story: { title: alert.item.title, link: alert.item.link, source: alert.item.publisher ?? alert.item.source, time: itemTime(alert.item) },
      topics: alert.topics.map(({ id, name, colour }) => ({ id, name, colour })),
      keys: entry.storyKeys,
      mentionRoleId: alert.mentionRoleId,
    });
    batches.digest.set(alert.channelId, batch);
  }
  return batches;
}
