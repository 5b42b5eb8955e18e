import type { NoticePoster, NoticeTarget } from './notice-poster';
import { guildFeedSourceId, type GuildSettings, type HealthNotice } from '../guilds/guild-settings';
import type { Logger } from '../shared/logger';
import type { FeedStateStore } from '../store/feed-state-store';
import type { GuildSettingsStore } from '../store/guild-settings-store';
import { LONG_FAILURE_MS } from '../poll/feed-backoff';

/** At most one notice per cause in this window. */
export const NOTICE_INTERVAL_MS = 24 * 3_600_000;
/** Notices remembered per server (for /status and the once-a-day rule). */
const KEPT_NOTICES = 20;

export interface HealthNotices {
  /** Discord refused a channel for good and its subscriptions were marked broken. */
  channelBroken(guildId: string, channelId: string, reason: string): Promise<void>;
  /** Servers whose own feeds (added with /feeds add) have failed for 24 h hear about it. Built-in feeds never. */
  checkFailingFeeds(): Promise<void>;
}

/**
 * Tells a server, in its own channels, when its alerts stop. The notice is recorded in the server's
 * settings BEFORE it is posted, under the settings lock, so two instances (or a crash and a retry) never
 * post it twice in a day; the price is that a post that failed is not retried until the next day.
 */
export function createHealthNotices(deps: { guilds: GuildSettingsStore; feedStates: FeedStateStore; poster: NoticePoster; now: () => Date; logger: Logger }): HealthNotices {
  const notify = async (guildId: string, cause: string, text: string, target: Omit<NoticeTarget, 'id'>) => {
    const at = deps.now();
    const claimed = await deps.guilds.update(guildId, (settings) => {
      if (recentNotice(settings, cause, at)) return { settings, result: false };
      const notice: HealthNotice = { cause, at: at.toISOString(), text };
      return { settings: { ...settings, notices: [...(settings.notices ?? []), notice].slice(-KEPT_NOTICES) }, result: true };
    });
    if (!claimed) return;
    const channelId = await deps.poster.post(guildId, { ...target, id: `${cause}:${at.toISOString()}` }, text);
    deps.logger.info({ guildId, cause, channelId: channelId ?? null }, channelId ? 'health notice posted' : 'health notice had no channel to go to');
    if (!channelId) return;
    await deps.guilds.update(guildId, (settings) => ({
      settings: { ...settings, notices: (settings.notices ?? []).map((n) => (n.cause === cause && n.at === at.toISOString() ? { ...n, channelId } : n)) },
      result: undefined,
    }));
  };

  return {
    async channelBroken(guildId, channelId, reason) {
      const settings = await deps.guilds.get(guildId);
      const text = `⚠️ **Rare Earth Radar stopped posting alerts in <#${channelId}>**: ${reason}. Give me View Channel, Send Messages and Embed Links there (or pick another channel), then run /subscribe again.`;
      const fallback = settings.noticeChannelId ? [settings.noticeChannelId] : [];
      await notify(guildId, `broken:${channelId}`, text, { preferSystemChannel: true, channelIds: fallback, avoid: channelId });
    },
    async checkFailingFeeds() {
      const now = deps.now();
      for (const settings of await deps.guilds.all()) {
        if (settings.feeds.length === 0) continue;
        const states = await deps.feedStates.getMany(settings.feeds.map((f) => guildFeedSourceId(settings.guildId, f.id)));
        for (const feed of settings.feeds) {
          const state = states.get(guildFeedSourceId(settings.guildId, feed.id));
          const failingSince = state && state.consecutiveFailures > 0 ? state.failingSince : undefined;
          if (!failingSince || now.getTime() - Date.parse(failingSince) < LONG_FAILURE_MS) continue;
          const text = `⚠️ **This server's feed \`${feed.id}\` (${feed.name}) has failed since <t:${Math.floor(Date.parse(failingSince) / 1000)}:f>**: ${state?.lastError ?? 'no answer'}. Its stories are not reaching you; check the address with /feeds list, or remove it with /feed remove.`;
          await notify(settings.guildId, `feed:${feed.id}`, text, { preferSystemChannel: false, channelIds: subscribedChannels(settings) });
        }
      }
    },
  };
}

function recentNotice(settings: GuildSettings, cause: string, now: Date): boolean {
  return (settings.notices ?? []).some((n) => n.cause === cause && now.getTime() - Date.parse(n.at) < NOTICE_INTERVAL_MS);
}

/** Channels that would receive the feed's stories, in subscription order. */
function subscribedChannels(settings: GuildSettings): string[] {
  return [...new Set(settings.subscriptions.filter((s) => !s.broken).map((s) => s.channelId))];
}
