import type { AppTimings } from './app-options';
import type { BotDeps } from '../discord/bot-deps';
import type { ShardingChoice } from '../discord/client';
import type { DiscordBot } from '../discord/start-bot';
import { markChannelBroken } from '../guilds/edit-subscriptions';
import { createHealthNotices, type HealthNotices } from '../delivery/health-notices';
import { createDeliveryRunner, RETRY_CHECK_MS, type DeliveryRunner } from '../delivery/delivery-runner';
import { measureSends } from '../observability/measure-sends';
import type { RadarMetrics } from '../observability/metrics';
import type { Logger } from '../shared/logger';
import type { AlertStatsStore } from '../store/alert-stats-store';
import type { FeedStateStore } from '../store/feed-state-store';
import type { GuildSettingsStore } from '../store/guild-settings-store';
import type { KeyValue } from '../store/key-value';
import type { OutboxStore } from '../store/outbox-store';
import type { StoryLedger } from '../stories/story-ledger';

/**
 * How long shutdown lets sends in flight finish. Past it they are aborted and handed back: their alerts
 * stay in the outbox and go out on the next start under the same nonce. Well inside the CLI's 10 s limit.
 */
const SEND_GRACE_MS = 3_000;
/** After the abort, how long the round gets to write the hand-back before Discord is closed regardless. */
const HAND_BACK_MS = 1_000;

export interface DiscordMode {
  readonly delivery: DeliveryRunner;
  /** Health notices in servers' own channels (broken subscriptions, a server feed down for a day). */
  readonly notices: HealthNotices;
  /** Whether the gateway session is up, for /healthz. */
  isConnected(): boolean;
  /** Ends delivery after the sends in flight, then closes the Discord connection. */
  stop(): Promise<void>;
}

/**
 * Discord mode's half of the composition root: log in, then deliver the outbox. Delivery starts before
 * the first poll, so alerts a previous run left behind go first, and it is retried at once (back-off
 * ignored) whenever Discord is known to answer again: at login and when the gateway reconnects.
 */
export async function startDiscordMode(options: {
  token: string;
  apiUrl?: string;
  sharding?: ShardingChoice;
  /** Runs slash-command registration on one instance of a fleet only. */
  guardRegistration?: (register: () => Promise<void>) => Promise<void>;
  /** A store shared by several instances: delivery also sweeps the outbox for alerts others left. */
  sharedStore?: boolean;
  botDeps: BotDeps;
  stores: { outbox: OutboxStore; guilds: GuildSettingsStore; stats: AlertStatsStore; feedStates: FeedStateStore; ledger?: StoryLedger };
  timings?: AppTimings;
  now: () => Date;
  logger: Logger;
  /** Called once the client is ready: start the poll schedule. */
  onReady: () => void;
  metrics: Pick<RadarMetrics, 'recordSend' | 'recordRateLimit'>;
}): Promise<DiscordMode> {
  const { stores, now, logger } = options;
  // Ready and reconnect events may fire before the runner below exists; until then there is nothing to kick.
  let kickDelivery: DeliveryRunner['kick'] = () => {};
  // Loaded only in Discord mode: `once` and console mode never pay for discord.js.
  // Loaded only in Discord mode: console mode never loads discord.js.
  const [{ startDiscordBot }, { COMMAND_TABLE }] = await Promise.all([import('../discord/start-bot.js'), import('../discord/commands/definitions.js')]);
  const bot: DiscordBot = await startDiscordBot({
    token: options.token,
    apiUrl: options.apiUrl,
    sharding: options.sharding,
    guardRegistration: options.guardRegistration,
    deps: options.botDeps,
    commands: COMMAND_TABLE,
    logger,
    onReady: () => {
      kickDelivery({ ignoreBackoff: true });
      options.onReady();
    },
    onReconnect: () => kickDelivery({ ignoreBackoff: true }),
    onRateLimited: (global) => options.metrics.recordRateLimit(global),
  });
  const notices = createHealthNotices({ guilds: stores.guilds, feedStates: stores.feedStates, poster: bot.notices, now, logger });
  const delivery = createDeliveryRunner(
    {
      outbox: stores.outbox,
      sender: measureSends(bot.sender, options.metrics),
      now,
      logger,
      retry: options.timings?.sendRetry,
      retryCheckMs: options.timings?.deliveryCheckMs,
      sweepMs: options.sharedStore ? (options.timings?.deliveryCheckMs ?? RETRY_CHECK_MS) : undefined,
      claimMs: options.timings?.channelClaimMs,
      recheckAfterMs: options.timings?.recheckAfterMs,
      ledger: stores.ledger,
      editIntervalMs: options.timings?.editIntervalMs,
      onSent: (entry) => void stores.stats.recordSent(entry.alert.guildId, now()).catch(() => {}),
      onChannelBroken: async (guildId, channelId, reason) => {
        await stores.guilds.update(guildId, (s) => ({ settings: markChannelBroken(s, channelId, reason, now()), result: undefined }));
        // The subscription is marked either way; a notice that cannot be posted is only logged.
        await notices.channelBroken(guildId, channelId, reason).catch((error: unknown) => logger.warn({ err: error, guildId, channelId }, 'health notice failed'));
      },
    },
    logger,
  );
  kickDelivery = delivery.kick;
  // Ready may have come and gone while the runner was built. Not before it: the guild cache tells
  // delivery which channels it may read (see discord/find-posted-message.ts).
  if (bot.client.isReady()) delivery.kick({ ignoreBackoff: true });
  return {
    delivery,
    notices,
    isConnected: () => bot.isConnected(),
    async stop() {
      const stopped = delivery.stop();
      if (!(await settlesWithin(stopped, SEND_GRACE_MS))) {
        logger.warn({ graceMs: SEND_GRACE_MS }, 'sends still in flight at shutdown; handing them back to the outbox');
        bot.abortSends();
        await settlesWithin(stopped, HAND_BACK_MS);
      }
      await bot.stop();
    },
  };
}

/** Whether `work` settled within `ms`; it keeps running either way. */
async function settlesWithin(work: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const settled = await Promise.race([work.then(() => true), late]);
  clearTimeout(timer);
  return settled;
}

/** Instances starting together must not all overwrite the slash commands: one claims the job. */
export async function registerOnOneInstance(kv: Pick<KeyValue, 'tryClaim'>, register: () => Promise<void>, logger: Logger): Promise<void> {
  const claim = await kv.tryClaim('commands:register', 60_000);
  if (!claim) return logger.info('another instance is registering the slash commands');
  try {
    await register();
  } finally {
    await claim.release();
  }
}
