import { createApp } from '../app';
import { configRules, configTopics } from '../config/to-domain';
import { createLogger } from '../shared/logger';
import { createConsoleSink } from './console-sink';
import { EXIT_OK, loadConfigFor, storeUrlFor, type CliContext } from './cli-context';

/**
 * One poll cycle now, without Discord. Prints each matching item this store has not printed before;
 * feed failures are logged on stderr and do not change the exit code.
 */
export async function onceCommand(ctx: CliContext): Promise<number> {
  const { config } = loadConfigFor(ctx);
  const sink = createConsoleSink({
    json: ctx.flags.json === true,
    topics: configTopics(config),
    rules: configRules(config),
    write: ctx.stdout,
  });
  const app = await createApp({ config, env: ctx.env, storeUrl: storeUrlFor(ctx, config), logger: createLogger(ctx.env.logLevel), consoleSink: sink });
  try {
    const report = await app.runCycle();
    for (const failure of report.failures) ctx.stderr(`feed ${failure.feedId} failed: ${failure.reason}`);
  } finally {
    await app.stop();
  }
  return EXIT_OK;
}
