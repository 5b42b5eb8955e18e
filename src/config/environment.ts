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
}

export const DEFAULT_CONFIG_FILE = 'config/default.yaml';

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Readonly<Environment> {
  return Object.freeze({
    discordToken: nonEmpty(env.DISCORD_TOKEN),
    discordApiUrl: nonEmpty(env.DISCORD_API_URL),
    configFile: nonEmpty(env.RADAR_CONFIG),
    storeUrl: nonEmpty(env.RADAR_STORE),
    logLevel: nonEmpty(env.LOG_LEVEL) ?? 'info',
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
