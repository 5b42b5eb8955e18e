import { isLogFormat, type LogFormat } from '../shared/logger';
import { UserError } from '../shared/errors';

/** Everything the bot reads from the environment. This is the only module that touches process.env. */
export interface Environment {
  /** Bot token; without it `start` runs in console mode. Never logged. */
  discordToken?: string;
  /** Base of Discord's REST API (discord.js appends /v10): a proxy or the local twin. */
  discordApiUrl?: string;
  /** Config file when --config is not given. */
  configFile?: string;
  /** Overrides the config's `store` URL when set. */
  storeUrl?: string;
  logLevel: string;
  /** `json` or `pretty`; unset = pretty on a terminal, JSON elsewhere. */
  logFormat?: LogFormat;
  /** Serve /healthz and /metrics on this port; unset = no HTTP server. */
  httpPort?: number;
  httpHost?: string;
  /** Gateway sharding: `auto` or a count of shards run in this process. */
  shards?: 'auto' | number;
  /** This instance runs only shard SHARD_ID of SHARD_COUNT (several instances, one shard each). */
  shard?: { id: number; count: number };
}

export const DEFAULT_CONFIG_FILE = 'config/default.yaml';

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/** Reads and checks the environment; a bad value stops the bot with a message naming the variable. */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Readonly<Environment> {
  const logLevel = nonEmpty(env.LOG_LEVEL) ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new UserError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${logLevel}"`);
  const logFormat = nonEmpty(env.LOG_FORMAT);
  if (logFormat !== undefined && !isLogFormat(logFormat)) throw new UserError(`LOG_FORMAT must be "json" or "pretty", not "${logFormat}"`);
  return Object.freeze({
    discordToken: nonEmpty(env.DISCORD_TOKEN),
    discordApiUrl: nonEmpty(env.DISCORD_API_URL),
    configFile: nonEmpty(env.RADAR_CONFIG),
    storeUrl: nonEmpty(env.RADAR_STORE),
    logLevel,
    logFormat,
    httpPort: integer(env, 'HTTP_PORT', 0, 65_535),
    httpHost: nonEmpty(env.HTTP_HOST),
    shards: nonEmpty(env.SHARDS) === 'auto' ? 'auto' : integer(env, 'SHARDS', 1, 10_000),
    shard: shardOf(env),
  });
}

function shardOf(env: NodeJS.ProcessEnv): Environment['shard'] {
  const id = integer(env, 'SHARD_ID', 0, 9_999);
  const count = integer(env, 'SHARD_COUNT', 1, 10_000);
  if (id === undefined && count === undefined) return undefined;
  if (id === undefined || count === undefined) throw new UserError('SHARD_ID and SHARD_COUNT must be set together');
  if (id >= count) throw new UserError(`SHARD_ID must be below SHARD_COUNT (${id} is not below ${count})`);
  if (env.SHARDS) throw new UserError('set either SHARDS or SHARD_ID/SHARD_COUNT, not both');
  return { id, count };
}

function integer(env: NodeJS.ProcessEnv, name: string, min: number, max: number): number | undefined {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new UserError(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  return value;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
