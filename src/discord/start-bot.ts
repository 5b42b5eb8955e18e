import { setMaxListeners } from 'node:events';
import { Events, PermissionFlagsBits, Status, type Client } from 'discord.js';
import type { AlertSender } from '../delivery/alert-sender';
import type { NoticePoster } from '../delivery/notice-poster';
import { UserError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { createAlertSender } from './alert-sender';
import { createSendRateGate, DEFAULT_SENDS_PER_SECOND } from './send-rate-gate';
import type { BotDeps } from './bot-deps';
import { createDiscordClient, type ShardingChoice } from './client';
import { ensureCommandsRegistered } from './ensure-commands';
import { handleInteraction } from './interactions/handle-interaction';
import type { CommandTable } from './interactions/command-route';
import { gateRest } from './gated-rest';
import { createNoticePoster } from './notice-poster';

export interface DiscordBot {
  readonly client: Client;
  readonly sender: AlertSender;
  /** Health notices in a server's own channels (issue 16). */
  readonly notices: NoticePoster;
  /** Whether the gateway session is up (for health checks). */
  isConnected(): boolean;
  /** Shutdown: abandon the posts in flight (their alerts stay in the outbox for the next start). */
  abortSends(): void;
  stop(): Promise<void>;
}

export interface StartBotOptions {
  token: string;
  apiUrl?: string;
  /** Gateway shards run by this process (default: one shard, no sharding). */
  sharding?: ShardingChoice;
  /**
   * Several instances start together: the guard runs `register` on one of them only (e.g. whoever claims
   * a lock), so they do not all overwrite the commands at once. Default: register here.
   */
  guardRegistration?: (register: () => Promise<void>) => Promise<void>;
  deps: BotDeps;
  /** The slash commands the router dispatches on and registration keeps registered. */
  commands: CommandTable;
  logger: Logger;
  /** Once, after login: scheduled work starts here, so nothing races the login. */
  onReady: () => void;
  /** The gateway came back after a drop: Discord answers again, so waiting alerts need not wait out their back-off. */
  onReconnect?: () => void;
  /** Every wait discord.js makes for a rate limit (pre-emptive or after a 429), for metrics. */
  onRateLimited?: (global: boolean) => void;
}

/** Logs in, keeps slash commands registered, routes interactions, and reports readiness and reconnections. */
export async function startDiscordBot(options: StartBotOptions): Promise<DiscordBot> {
  const { logger } = options;
  const client = createDiscordClient({ apiUrl: options.apiUrl, sharding: options.sharding });
  client.on(Events.InteractionCreate, (interaction) => {
    void handleInteraction(interaction, options.deps, options.commands);
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (event, shardId) => logger.warn({ shardId, code: event.code }, 'gateway disconnected'));
  client.on(Events.ShardResume, (shardId) => {
    logger.info({ shardId }, 'gateway resumed');
    options.onReconnect?.();
  });
  // After the first login, a shard READY means a new session after a drop the gateway could not resume.
  client.on(Events.ShardReady, (shardId) => {
    if (!client.isReady()) return;
    logger.info({ shardId }, 'gateway session re-established');
    options.onReconnect?.();
  });
  client.rest.on('rateLimited', (info) => {
    logger.debug({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'discord rate limit');
    options.onRateLimited?.(info.global);
  });
  client.once(Events.ClientReady, async (ready) => {
    logger.info({ user: ready.user.tag, guilds: ready.guilds.cache.size, shards: [...client.ws.shards.keys()] }, 'logged in to Discord');
    const register = async () => {
      const changed = await ensureCommandsRegistered(client.rest, ready.application.id, options.commands.definitions);
      logger.info({ changed }, changed ? 'slash commands registered' : 'slash commands already up to date');
    };
    try {
      await (options.guardRegistration ?? ((run) => run()))(register);
    } catch (error: unknown) {
      logger.error({ err: error }, 'could not register slash commands; existing ones stay');
    }
    options.onReady();
  });
  await client.login(options.token).catch((error: unknown) => {
    throw explainLoginFailure(error);
  });
  const sends = new AbortController();
  // Every concurrent post listens on this one signal (one per channel being sent to): not a leak.
  setMaxListeners(0, sends.signal);
  // One gate for every delivery request of this process: alerts, edits, their reads and notices.
  const gate = createSendRateGate({ perSecond: DEFAULT_SENDS_PER_SECOND });
  return {
    client,
    sender: createAlertSender(client.rest, {
      signal: sends.signal,
      gate,
      history: { botUserId: () => client.user?.id, canReadHistory: (id) => canReadHistory(client, id) },
    }),
    notices: createNoticePoster(client, gateRest(client.rest, gate)),
    abortSends: () => sends.abort(),
    // The manager's own status stays Ready after the first login; each shard's tracks drops and resumes.
    isConnected: () => client.isReady() && client.ws.shards.size > 0 && client.ws.shards.every((shard) => shard.status === Status.Ready),
    async stop() {
      await client.destroy();
    },
  };
}

/** From the gateway's cache: undefined when the channel or its permissions are not known here. */
function canReadHistory(client: Client, channelId: string): boolean | undefined {
  const channel = client.channels.cache.get(channelId);
  if (!channel || !client.user || !('permissionsFor' in channel)) return undefined;
  return channel.permissionsFor(client.user)?.has(PermissionFlagsBits.ReadMessageHistory);
}

/** Discord's refusals at login are setup mistakes: one line with the fix instead of a stack. */
function explainLoginFailure(error: unknown): unknown {
  const code = (error as { code?: unknown; status?: unknown }).code;
  const status = (error as { status?: unknown }).status;
  if (code === 'TokenInvalid' || status === 401) {
    return new UserError('Discord refused DISCORD_TOKEN (401 Unauthorized): copy the bot token again from the Developer Portal (Bot → Reset Token)');
  }
  return error;
}
