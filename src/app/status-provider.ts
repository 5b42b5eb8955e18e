import type { FeedHealth, StatusReport } from '../discord/bot-deps';
import { LONG_FAILURE_MS } from '../poll/feed-backoff';
import type { PollCatalog } from '../poll/poll-catalog';
import type { Scheduler } from '../poll/scheduler';
import type { AlertStatsStore } from '../store/alert-stats-store';
import type { FeedStateStore } from '../store/feed-state-store';
import type { GuildSettingsStore } from '../store/guild-settings-store';
import type { OutboxStore } from '../store/outbox-store';

/** `/status` lists the health notices of the last week. */
const NOTICES_SHOWN_MS = 7 * 86_400_000;

/** Builds `/status` for one server from the stores: global feeds plus its own, its broken subscriptions. */
export function createStatusProvider(deps: {
  feeds: PollCatalog;
  feedStates: FeedStateStore;
  guilds: GuildSettingsStore;
  outbox: OutboxStore;
  stats: AlertStatsStore;
  scheduler: () => Scheduler | undefined;
  now: () => Date;
}): (guildId: string) => Promise<StatusReport> {
  return async (guildId) => {
    const now = deps.now();
    const feeds = (await deps.feeds.feeds()).filter((f) => f.guildId === undefined || f.guildId === guildId);
    const states = await deps.feedStates.getMany(feeds.map((f) => f.id));
    const settings = await deps.guilds.get(guildId);
    const pending = (await deps.outbox.pending()).filter((e) => e.alert.guildId === guildId).length;
    const health: FeedHealth[] = feeds.map((feed) => {
      const state = states.get(feed.id);
      const id = feed.guildId ? feed.id.slice(`guild-${guildId}-`.length) : feed.id;
      if (!state?.lastAttemptAt) return { id, name: feed.name };
      const ok = state.consecutiveFailures === 0;
      const failingLong = !ok && state.failingSince !== undefined && now.getTime() - Date.parse(state.failingSince) >= LONG_FAILURE_MS;
      const nextAttemptAt = ok ? undefined : state.nextAttemptAt;
      return { id, name: feed.name, ok, lastSuccessAt: state.lastSuccessAt, lastError: state.lastError, failingSince: state.failingSince, failingLong, nextAttemptAt };
    });
    const scheduler = deps.scheduler();
    return {
      lastPollAt: scheduler?.lastFinishedAt?.toISOString(),
      nextPollAt: scheduler?.nextRun()?.toISOString(),
      feeds: health,
      alertsLast24h: await deps.stats.countSince(guildId, new Date(now.getTime() - 86_400_000), now),
      broken: settings.subscriptions.flatMap((s) => (s.broken ? [{ channelId: s.channelId, topicId: s.topicId, reason: s.broken.reason, at: s.broken.at }] : [])),
      pendingAlerts: pending,
      notices: (settings.notices ?? [])
        .filter((n) => now.getTime() - Date.parse(n.at) < NOTICES_SHOWN_MS)
        .reverse()
        .map(({ cause, at, channelId }) => ({ cause, at, channelId })),
    };
  };
}
