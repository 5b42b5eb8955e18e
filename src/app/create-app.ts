import { setMaxListeners } from 'node:events';
import type { RadarConfig } from '../config/config-schema';
import { configFeeds, configRules, configTopics } from '../config/to-domain';
import { createPeriodicChecks } from './periodic-checks';
import { registerOnOneInstance, startDiscordMode, type DiscordMode } from './discord-mode';
import { startObservability } from './start-observability';
import { createStatusProvider } from './status-provider';
import { countMatches } from '../observability/count-matches';
import type { HealthServer } from '../observability/health-server';
import { createMetrics } from '../observability/metrics';
import { checkFeedUrl } from '../feeds/check-feed-url';
import { fetchFeed } from '../feeds/fetch-feed';
import { createGuardedDispatcher } from '../feeds/guarded-dispatcher';
import { createHostLimiter } from '../feeds/host-limiter';
import { parseFeed } from '../feeds/parse-feed';
import { probeFeed } from '../feeds/probe-feed';
import { BROWSER_USER_AGENT, DEFAULT_USER_AGENT } from '../feeds/user-agents';
import { DEFAULT_FEED_BACKOFF } from '../poll/feed-backoff';
import { createOutboxSink } from '../delivery/outbox-sink';
import { createPollCatalog } from '../poll/poll-catalog';
import { runPollCycle, type CycleReport, type PollCycleDeps } from '../poll/poll-cycle';
import { createRecentItems, FEED_MEMORY_LAYOUT } from '../poll/recent-items';
import { createStoryTracker } from '../poll/track-stories';
import { createScheduler, cronIntervalMs, type Scheduler } from '../poll/scheduler';
import { createRuleSetCache } from '../rules/rule-set-cache';
import type { Logger } from '../shared/logger';
import { createAlertStatsStore } from '../store/alert-stats-store';
import { createDigestStore } from '../store/digest-store';
import { createFeedMemoryStore } from '../store/feed-memory-store';
import { createFeedStateStore } from '../store/feed-state-store';
import { createGuildSettingsStore } from '../store/guild-settings-store';
import type { CorruptEntryReporter, KeyValue } from '../store/key-value';
import { isSharedStoreUrl, openStore } from '../store/open-store';
import { createRedisPollCoordinator, type PollCoordinator } from '../store/redis-poll-lease';
import { createOutboxStore } from '../store/outbox-store';
import { createSeenStore } from '../store/seen-store';
import { createStoryIndexStore } from '../store/story-index-store';
import { createStoryServices } from './story-services';
import type { App, AppOptions } from './app-options';
import { STORY_WINDOW_MS } from '../stories/story';

/** The composition root: config → store → feeds → rules → pipeline → Discord. Nothing else wires modules. */
export async function createApp(options: AppOptions): Promise<App> {
  const { config, logger } = options;
  const now = options.now ?? (() => new Date());
  const onCorrupt = reportOncePerKey(logger);
  const opened = await openStore(options.storeUrl, onCorrupt);
  const kv = options.wrapStore ? options.wrapStore(opened) : opened;
  const shared = isSharedStoreUrl(options.storeUrl);
  let coordinator: PollCoordinator | undefined;
  const topics = configTopics(config);
  const rules = configRules(config);
  const guilds = createGuildSettingsStore(kv, onCorrupt);
  const outbox = createOutboxStore(kv, onCorrupt);
  const digests = createDigestStore(kv, onCorrupt);
  const stats = createAlertStatsStore(kv);
  const feedStates = createFeedStateStore(kv, onCorrupt);
  // Process metrics only when /metrics is served: their event-loop lag monitor wakes the process 10 times a
  // second, ~1.3 ms CPU per second of wall time here, which a poll spread out by host spacing pays throughout.
  const metrics = createMetrics({ outboxDepth: () => outbox.count(), defaultMetrics: options.env.httpPort !== undefined });
  let health: HealthServer | undefined;
  const catalog = createPollCatalog({ feeds: configFeeds(config), rules, guilds: options.consoleSink ? undefined : guilds, logger });
  // Aborted by stop(): cancels the fetches of the poll in flight, so shutdown never waits a feed's timeout.
  const stopping = new AbortController();
  // Server-added feeds connect only through this pool, which refuses private addresses at connect time.
  const guildDispatcher = config.allowPrivateFeedAddresses ? undefined : createGuardedDispatcher();
  let discord: DiscordMode | undefined;
  let scheduler: Scheduler | undefined;
  let stopped: Promise<void> | undefined;

  const stories = createStoryServices({ kv, onCorrupt, config, guilds, outbox, digests, topics, current: catalog.current, now, onQueued: () => discord?.delivery.kick() });
  const routed =
    options.consoleSink ??
    createOutboxSink({
      guilds,
      outbox,
      digests,
      builtInTopics: topics,
      current: catalog.current,
      seenTtlMs: config.limits.seenTtlDays * 86_400_000,
      maxItemAgeMs: config.limits.maxItemAgeHours * 3_600_000,
      onQueued: () => discord?.delivery.kick(),
      now,
      ledger: stories.ledger,
      recent: stories.recent,
    });
  const sink = countMatches(routed, metrics);
  // Cycles never overlap, whoever asks: two at once could both see an item as new.
  let lastCycle: Promise<unknown> = Promise.resolve();
  const runCycle = (signal?: AbortSignal): Promise<CycleReport> => {
    const combined = signal ? AbortSignal.any([signal, stopping.signal]) : stopping.signal;
    // Every fetch in flight listens to this signal until it ends (fetch-deadline.ts): up to feedConcurrency
    // (64) at once, none left behind. Node's default of 10 would print a "possible memory leak" warning.
    setMaxListeners(0, combined);
    const next = lastCycle
      .catch(() => {})
      .then(() => runPollCycle(cycleDeps, now(), combined))
      .then(async (report) => {
        metrics.recordCycle(report);
        await afterCycle();
        return report;
      });
    lastCycle = next;
    return next;
  };
  const cycleDeps: PollCycleDeps = {
    getFeeds: catalog.feeds,
    getRuleSet: catalog.ruleSet,
    feedStates,
    seen: createSeenStore(kv),
    // Kept as long as the seen marks its items carry; a feed no longer polled forgets it.
    recentItems: createRecentItems(createFeedMemoryStore(kv, { ...FEED_MEMORY_LAYOUT, ttlMs: config.limits.seenTtlDays * 86_400_000 }, onCorrupt)),
    stories: createStoryTracker({ store: createStoryIndexStore(kv, STORY_WINDOW_MS, onCorrupt), logger }),
    sink,
    feedPoll: {
      fetchFeed,
      parseFeed,
      fetchOptions: fetchOptionsOf(config),
      resolveUserAgent,
      checkGuildFeedUrl: config.allowPrivateFeedAddresses ? undefined : refusePrivateAddresses,
      guildDispatcher,
      backoff: { ...DEFAULT_FEED_BACKOFF, ...options.timings?.feedBackoff },
    },
    hostLimiter: createHostLimiter(config.limits.perHostConcurrency, { minIntervalMs: config.limits.minHostIntervalMs }),
    limits: config.limits,
    logger,
    onFeedPolled: options.onFeedPolled,
    pollEveryFeed: options.pollEveryFeed,
    ...(options.consoleSink ? {} : { seenItems: stories.seenItems }),
  };
  // Digests and health notices are looked at after every poll (its stories are in the buffers by then).
  const checks = createPeriodicChecks({ guilds, digests, outbox, discord: () => discord, now, logger });
  const afterCycle = checks.run;
  const schedule = () => {
    if (stopping.signal.aborted) return;
    scheduler = createScheduler({ cron: config.schedule, tick: () => runCycle(), logger, coordinator });
    scheduler.start();
    logger.info({ schedule: config.schedule, next: scheduler.nextRun() }, 'polling on schedule');
  };

  return {
    topics,
    rules,
    runCycle,
    async settle() {
      await lastCycle.catch(() => {});
      await checks.idle();
      await discord?.delivery.idle();
    },
    async start() {
      // Several instances on one Redis: each tick polls on one of them only (see redis-poll-lease.ts).
      if (shared) coordinator = await createRedisPollCoordinator({ url: options.storeUrl, leaseMs: options.timings?.pollLeaseMs ?? pollLeaseMsFor(config.schedule) });
      const token = options.env.discordToken;
      const consoleMode = options.consoleSink !== undefined || !token;
      health = await startObservability({
        env: options.env,
        cron: config.schedule,
        kv,
        metrics,
        gatewayConnected: () => (consoleMode ? undefined : (discord?.isConnected() ?? false)),
        scheduler: () => scheduler,
        now,
        logger,
      });
      if (consoleMode || !token) return schedule();
      discord = await startDiscordMode({
        token,
        apiUrl: options.env.discordApiUrl,
        sharding: { shards: options.env.shards, shard: options.env.shard },
        sharedStore: shared,
        guardRegistration: (register) => registerOnOneInstance(kv, register, logger),
        botDeps: {
          guilds,
          builtInTopics: topics,
          builtInRules: rules,
          builtInFeeds: configFeeds(config),
          ruleSets: createRuleSetCache(),
          checkFeedUrl: (url: string) => checkFeedUrl(url, { allowPrivateAddresses: config.allowPrivateFeedAddresses }),
          probeFeed: (url: string) =>
            probeFeed(url, { ...fetchOptionsOf(config), checkUrl: config.allowPrivateFeedAddresses ? undefined : refusePrivateAddresses, dispatcher: guildDispatcher }, now()),
          ...(config.helpUrl !== undefined ? { helpUrl: config.helpUrl } : {}),
          maxServerFeeds: config.limits.maxServerFeeds,
          status: createStatusProvider({ feeds: catalog, feedStates, guilds, outbox, stats, scheduler: () => scheduler, now }),
          alertWhy: (whyKey: string) => outbox.alertWhy(whyKey),
          onSettingsChanged: catalog.invalidate,
          stories: stories.view,
          now,
          logger,
        },
        stores: { outbox, guilds, stats, feedStates, ledger: stories.ledger },
        timings: options.timings,
        now,
        logger,
        onReady: schedule,
        metrics,
      });
      checks.start(options.timings?.digestCheckMs ?? 60_000);
      void checks.run();
    },
    stop() {
      stopped ??= (async () => {
        stopping.abort();
        await scheduler?.stop();
        await checks.stop();
        await lastCycle.catch(() => {});
        await discord?.stop();
        await health?.close();
        await coordinator?.close().catch(() => {});
        await guildDispatcher?.close().catch(() => {});
        await closeQuietly(kv, logger);
      })();
      return stopped;
    },
  };
}

/**
 * The polling instance renews its lease every third of it; if it dies, the fleet's polls wait at most
 * this long. About one interval, within 5 s … 60 s: a dead poller costs a tick or two, never more.
 */
function pollLeaseMsFor(cron: string): number {
  return Math.min(60_000, Math.max(5_000, cronIntervalMs(cron)));
}

function fetchOptionsOf(config: Readonly<RadarConfig>) {
  return {
    timeoutMs: config.limits.requestTimeoutMs,
    maxBodyBytes: config.limits.maxBodyBytes,
    maxRedirects: config.limits.maxRedirects,
    userAgent: resolveUserAgent(config.userAgent) ?? DEFAULT_USER_AGENT,
  };
}

/** A server's feed, or any redirect it leads to, may not reach loopback, private or metadata addresses. */
async function refusePrivateAddresses(url: string): Promise<string | undefined> {
  const verdict = await checkFeedUrl(url, { allowPrivateAddresses: false });
  return verdict.ok ? undefined : verdict.error;
}

/** `browser` and `bot` name our two agents; anything else is sent verbatim. */
function resolveUserAgent(configured: string | undefined): string | undefined {
  if (configured === 'browser') return BROWSER_USER_AGENT;
  if (configured === 'bot') return DEFAULT_USER_AGENT;
  return configured;
}

/** A corrupt entry read on every tick would otherwise log on every tick. */
function reportOncePerKey(logger: Logger): CorruptEntryReporter {
  const reported = new Set<string>();
  return (key, problem) => {
    if (reported.has(key)) return;
    reported.add(key);
    logger.warn({ key, problem }, 'skipped unreadable store entry');
  };
}

async function closeQuietly(kv: KeyValue, logger: Logger): Promise<void> {
  try {
    await kv.close();
  } catch (error: unknown) {
    logger.warn({ err: error }, 'store did not close cleanly');
  }
}
