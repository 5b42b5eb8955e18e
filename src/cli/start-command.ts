import { createApp } from '../app';
import { configRules, configTopics } from '../config/to-domain';
import { createLogger } from '../shared/logger';
import { createConsoleSink } from './console-sink';
import { EXIT_OK, loadConfigFor, storeUrlFor, type CliContext } from './cli-context';
import { waitForShutdownSignal } from './shutdown-signal';

/** The long-running bot. Without DISCORD_TOKEN it polls on schedule and prints alerts (console mode). */
export async function startCommand(ctx: CliContext): Promise<number> {
  const { config } = loadConfigFor(ctx);
  const logger = createLogger(ctx.env.logLevel);
  let consoleSink;
  if (!ctx.env.discordToken) {
    ctx.stderr('console mode: DISCORD_TOKEN is not set, so alerts are printed here instead of posted to Discord');
    consoleSink = createConsoleSink({ json: ctx.flags.json === true, topics: configTopics(config), rules: configRules(config), write: ctx.stdout });
  }
  const app = await createApp({ config, env: ctx.env, storeUrl: storeUrlFor(ctx, config), logger, consoleSink });
  const stopping = waitForShutdownSignal();
  await app.start();
  const signal = await stopping;
  logger.info({ signal }, 'shutting down');
  await app.stop();
  return EXIT_OK;
}
