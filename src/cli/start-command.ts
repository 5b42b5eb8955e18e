import { createApp } from '../app';
import { configRules, configTopics } from '../config/to-domain';
import { createScheduler } from '../pipeline/scheduler';
import { createLogger } from '../shared/logger';
import { createConsoleSink } from './console-sink';
import { EXIT_OK, loadConfigFor, storeUrlFor, type CliContext } from './cli-context';
import { waitForShutdownSignal } from './shutdown-signal';

/** The long-running bot. Without DISCORD_TOKEN it polls on schedule and prints alerts (console mode). */
export async function startCommand(ctx: CliContext): Promise<number> {
  const { config } = loadConfigFor(ctx);
  const logger = createLogger(ctx.env.logLevel);
  ctx.stderr('console mode: DISCORD_TOKEN is not set, so alerts are printed here instead of posted to Discord');
  const sink = createConsoleSink({ json: ctx.flags.json === true, topics: configTopics(config), rules: configRules(config), write: ctx.stdout });
  const app = await createApp({ config, storeUrl: storeUrlFor(ctx, config), logger, sink });
  const scheduler = createScheduler({ cron: config.schedule, tick: () => app.runCycle(), logger });
  scheduler.start();
  logger.info({ schedule: config.schedule, next: scheduler.nextRun() }, 'polling on schedule');
  const signal = await waitForShutdownSignal();
  logger.info({ signal }, 'shutting down');
  await scheduler.stop();
  await app.close();
  return EXIT_OK;
}
