import type { StatusReport } from '../discord/bot-deps';
import type { FeedSource } from '../feeds/feed-source';

/** The channel the sample's broken subscription points at, and the name the preview shows for it. */
export const SAMPLE_CHANNEL = { id: '300000000000000001', name: 'metals-desk' };

/**
 * A plausible `/status` for a server using the configured feeds: the last poll two minutes ago, one feed
 * failing for three hours, one subscription Discord refuses. Invented figures, real formatting.
 */
export function makeSampleStatus(feeds: readonly Pick<FeedSource, 'id' | 'name'>[], now: Date, brokenTopicId?: string): StatusReport {
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();
  const failingIndex = feeds.length > 1 ? 1 : -1;
  return {
    lastPollAt: ago(2),
    nextPollAt: ago(-3),
    feeds: feeds.map((feed, index) =>
      index === failingIndex
        ? { id: feed.id, name: feed.name, ok: false, lastSuccessAt: ago(190), lastError: 'HTTP 503 Service Unavailable', failingSince: ago(180) }
        : { id: feed.id, name: feed.name, ok: true, lastSuccessAt: ago(2) },
    ),
    alertsLast24h: 14,
    broken: [{ channelId: SAMPLE_CHANNEL.id, topicId: brokenTopicId, reason: 'Missing Access (the bot cannot see the channel)', at: ago(26 * 60) }],
    pendingAlerts: 0,
  };
}
