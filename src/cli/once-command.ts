import { createApp } from '../app';
import { configRules, configTopics } from '../config/to-domain';
import { createConsoleSink } from './console-sink';
import { EXIT_OK, loadConfigFor, loggerFor, storeUrlFor, type CliContext } from './cli-context';
import { createProgress, type Progress } from './progress';

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
  // Progress goes to stderr, and only on a terminal: stdout stays clean for --json consumers.
  let progress: Progress | undefined;
  const onFeedPolled = (feedId: string, dueCount: number) => {
    progress ??= createProgress({ total: dueCount, stream: process.stderr, isTTY: process.stderr.isTTY === true });
    progress.tick(feedId);
  };
  const app = await createApp({ config, env: ctx.env, storeUrl: storeUrlFor(ctx, config), logger: loggerFor(ctx), consoleSink: sink, onFeedPolled });
  try {
    const report = await app.runCycle();
    progress?.done();
    for (const failure of report.failures) ctx.stderr(`feed ${failure.feedId} failed: ${failure.reason}`);
  } finally {
    await app.stop();
  }
  return EXIT_OK;
}
