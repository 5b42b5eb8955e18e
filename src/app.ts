import type { RadarConfig } from './config/config-schema';
import type { Environment } from './config/environment';
import { configFeeds, configRules, configTopics, type Topic } from './config/to-domain';
import { createStatusProvider } from './app-status';
import type { DiscordBot } from './discord/start-bot';
import { checkFeedUrl } from './feeds/check-feed-url';
import { fetchFeed } from './feeds/fetch-feed';
import { createHostLimiter } from './feeds/host-limiter';
import { parseFeed } from './feeds/parse-feed';
import { BROWSER_USER_AGENT, DEFAULT_USER_AGENT } from './feeds/user-agents';
import { markChannelBroken } from './guilds/edit-subscriptions';
import { createDeliveryRunner, type DeliveryRunner } from './pipeline/delivery-runner';
import type { AlertSink } from './pipeline/matched-item';
import { createOutboxSink } from './pipeline/outbox-sink';
import { createPollCatalog } from './pipeline/poll-catalog';
import { runPollCycle, type CycleReport, type PollCycleDeps } from './pipeline/poll-cycle';
import { createScheduler, type Scheduler } from './pipeline/scheduler';
import type { Rule } from './rules/rule';
import type { Logger } from './shared/logger';
import { createAlertStatsStore } from './store/alert-stats-store';
import { createFeedStateStore } from './store/feed-state-store';
import { createGuildSettingsStore } from './store/guild-settings-store';
import type { KeyValue } from './store/key-value';
import { openStore } from './store/open-store';
import { createOutboxStore } from './store/outbox-store';
import { createSeenStore } from './store/seen-store';

export interface App {
  readonly topics: readonly Topic[];
  readonly rules: readonly Rule[];
  /** One poll cycle now (after any cycle in flight). In Discord mode its alerts are queued and sent. */
  runCycle(signal?: AbortSignal): Promise<CycleReport>;
  /** Resolves when no poll is running and the outbox has had its delivery round. */
  settle(): Promise<void>;
  /** Console mode: the schedule. Discord mode: log in, then the schedule and delivery. */
  start(): Promise<void>;
  /** Stop scheduling, let the poll and sends in flight finish, close Discord and the store. */
  stop(): Promise<void>;
}

export interface AppOptions {
  config: Readonly<RadarConfig>;
  env: Readonly<Environment>;
  storeUrl: string;
  logger: Logger;
  /** Console mode: alerts go here instead of Discord. */
  consoleSink?: AlertSink;
  now?: () => Date;
}

/** The composition root: config → store → feeds → rules → pipeline → Discord. Nothing else wires modules. */
export async function createApp(options: AppOptions): Promise<App> {
  const { config, logger } = options;
  const now = options.now ?? (() => new Date());
  const kv = await openStore(options.storeUrl, (key, problem) => logger.warn({ key, problem }, 'skipped unreadable store entry'));
  const topics = configTopics(config);
  const rules = configRules(config);
  const guilds = createGuildSettingsStore(kv);
  const outbox = createOutboxStore(kv);
  const stats = createAlertStatsStore(kv);
  const feedStates = createFeedStateStore(kv);
  const catalog = createPollCatalog({ feeds: configFeeds(config), rules, guilds: options.consoleSink ? undefined : guilds, logger });
  let delivery: DeliveryRunner | undefined;
  let bot: DiscordBot | undefined;
  let scheduler: Scheduler | undefined;

  const sink =
    options.consoleSink ??
    createOutboxSink({ guilds, outbox, builtInTopics: topics, current: catalog.current, seenTtlMs: config.limits.seenTtlDays * 86_400_000, onQueued: () => delivery?.kick(), now });
  // Cycles never overlap, whoever asks: two at once could both see an item as new.
  let lastCycle: Promise<unknown> = Promise.resolve();
  const runCycle = (signal?: AbortSignal): Promise<CycleReport> => {
    const next = lastCycle.catch(() => {}).then(() => pollOnce(signal));
    lastCycle = next;
    return next;
  };
  const cycleDeps: PollCycleDeps = {
    getFeeds: catalog.feeds,
    getRuleSet: catalog.ruleSet,
    feedStates,
    seen: createSeenStore(kv),
    sink,
    feedPoll: { fetchFeed, parseFeed, fetchOptions: fetchOptionsOf(config), resolveUserAgent },
    hostLimiter: createHostLimiter(config.limits.perHostConcurrency),
    limits: config.limits,
    logger,
  };
  const pollOnce = (signal?: AbortSignal) => runPollCycle(cycleDeps, now(), signal);
  const schedule = () => {
    scheduler = createScheduler({ cron: config.schedule, tick: () => runCycle(), logger });
    scheduler.start();
    logger.info({ schedule: config.schedule, next: scheduler.nextRun() }, 'polling on schedule');
  };

  return {
    topics,
    rules,
    runCycle,
    async settle() {
      await lastCycle.catch(() => {});
      await delivery?.idle();
    },
    async start() {
      const token = options.env.discordToken;
      if (options.consoleSink || !token) return schedule();
      const deps = {
        guilds,
        builtInTopics: topics,
        builtInRules: rules,
        builtInFeeds: configFeeds(config),
        checkFeedUrl: (url: string) => checkFeedUrl(url, { allowPrivateAddresses: config.allowPrivateFeedAddresses }),
        status: createStatusProvider({ feeds: catalog, feedStates, guilds, outbox, stats, scheduler: () => scheduler, now }),
        onSettingsChanged: catalog.invalidate,
        now,
        logger,
      };
      // Loaded only in Discord mode: `once` and console mode never pay for discord.js.
      const { startDiscordBot } = await import('./discord/start-bot.js');
      bot = await startDiscordBot({
        token,
        apiUrl: options.env.discordApiUrl,
        deps,
        logger,
        onReady: () => {
          delivery?.kick(); // alerts left in the outbox by a previous run go first
          schedule();
        },
      });
      const sender = bot.sender;
      delivery = createDeliveryRunner(
        {
          outbox,
          sender,
          now,
          logger,
          onSent: (entry) => void stats.recordSent(entry.alert.guildId, now()).catch(() => {}),
          onChannelBroken: async (guildId, channelId, reason) => {
            await guilds.update(guildId, (s) => ({ settings: markChannelBroken(s, channelId, reason, now()), result: undefined }));
          },
        },
        logger,
      );
      delivery.kick();
    },
    async stop() {
      await scheduler?.stop();
      await delivery?.stop();
      await bot?.stop();
      await closeQuietly(kv, logger);
    },
  };
}

function fetchOptionsOf(config: Readonly<RadarConfig>) {
  return {
    timeoutMs: config.limits.requestTimeoutMs,
    maxBodyBytes: config.limits.maxBodyBytes,
    maxRedirects: config.limits.maxRedirects,
    userAgent: resolveUserAgent(config.userAgent) ?? DEFAULT_USER_AGENT,
  };
}

/** `browser` and `bot` name our two agents; anything else is sent verbatim. */
function resolveUserAgent(configured: string | undefined): string | undefined {
  if (configured === 'browser') return BROWSER_USER_AGENT;
  if (configured === 'bot') return DEFAULT_USER_AGENT;
  return configured;
}

async function closeQuietly(kv: KeyValue, logger: Logger): Promise<void> {
  try {
    await kv.close();
  } catch (error: unknown) {
    logger.warn({ err: error }, 'store did not close cleanly');
  }
}
