import { createApp } from '../app/create-app';
import { configRules, configTopics } from '../config/to-domain';
import { createConsoleSink } from './console-sink';
import { EXIT_OK, loadConfigFor, storeUrlFor, type CliContext, loggerFor } from './cli-context';
import { guardShutdown, SHUTDOWN_TIMEOUT_MS, waitForShutdownSignal } from './shutdown-signal';

/**
 * The long-running bot. Without DISCORD_TOKEN it polls on schedule and prints alerts (console mode).
 * SIGTERM/SIGINT: stop scheduling, let sends in flight return, close the store, exit 0 — within 10 s.
 */
export async function startCommand(ctx: CliContext): Promise<number> {
  const { config } = loadConfigFor(ctx);
  const logger = loggerFor(ctx);
  let consoleSink;
  if (!ctx.env.discordToken) {
    ctx.stderr('console mode: DISCORD_TOKEN is not set, so alerts are printed here instead of posted to Discord');
    consoleSink = createConsoleSink({ json: ctx.flags.json === true, topics: configTopics(config), rules: configRules(config), write: ctx.stdout });
  }
  const app = await createApp({ config, env: ctx.env, storeUrl: storeUrlFor(ctx, config), logger, consoleSink });
  const stopping = waitForShutdownSignal();
  try {
    await app.start();
  } catch (error: unknown) {
    await app.stop(); // a failed login must not leave the store open behind the error message
    throw error;
  }
  const signal = await stopping;
  logger.info({ signal, timeoutMs: SHUTDOWN_TIMEOUT_MS }, 'shutting down');
  const guard = guardShutdown({
    timeoutMs: SHUTDOWN_TIMEOUT_MS,
    code: EXIT_OK,
    onForcedExit: (why) => logger.warn({ why }, why === 'timeout' ? 'shutdown did not finish in time; exiting anyway' : 'second signal; exiting now'),
  });
  await app.stop();
  guard.release();
  logger.info('stopped');
  return EXIT_OK;
}
