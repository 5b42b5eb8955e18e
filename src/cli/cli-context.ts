import type { RadarConfig } from '../config/config-schema';
import { DEFAULT_CONFIG_FILE, type Environment } from '../config/environment';
import { loadConfig } from '../config/load-config';
import { createLogger, type Logger } from '../shared/logger';

/** What every command gets: its parsed flags, the environment, and where to write. */
export interface CliContext {
  flags: Record<string, string | boolean | undefined>;
  positionals: string[];
  env: Readonly<Environment>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Exit codes: 0 done, 1 a negative answer or runtime failure, 2 bad usage or invalid config. */
export const EXIT_OK = 0;
export const EXIT_NEGATIVE = 1;
export const EXIT_INVALID = 2;

export function configFileOf(ctx: CliContext): string {
  const flag = ctx.flags.config;
  return typeof flag === 'string' ? flag : (ctx.env.configFile ?? DEFAULT_CONFIG_FILE);
}

export function loadConfigFor(ctx: CliContext): { file: string; config: Readonly<RadarConfig> } {
  const file = configFileOf(ctx);
  return { file, config: loadConfig(file) };
}

/** --store beats RADAR_STORE beats the config file. */
export function storeUrlFor(ctx: CliContext, config: Readonly<RadarConfig>): string {
  const flag = ctx.flags.store;
  return typeof flag === 'string' ? flag : (ctx.env.storeUrl ?? config.store);
}

/** The process logger: level and format from the environment, the token scrubbed wherever it appears. */
export function loggerFor(ctx: CliContext): Logger {
  const secrets = ctx.env.discordToken ? [ctx.env.discordToken] : [];
  return createLogger(ctx.env.logLevel, 2, { format: ctx.env.logFormat, secrets });
}
