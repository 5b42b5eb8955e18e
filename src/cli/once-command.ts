import { createApp } from '../app/create-app';
import { configRules, configTopics } from '../config/to-domain';
import { describeCycle } from '../poll/describe-cycle';
import { createConsoleSink } from './console-sink';
import { EXIT_OK, loadConfigFor, loggerFor, type CliContext } from './cli-context';
import { createProgress, type Progress } from './progress';

/**
 * `once` remembers what it printed here, never in the bot's store: marking items seen there would
 * keep them from ever reaching Discord. RADAR_STORE and the config's store are ignored for that reason.
 */
export const ONCE_DEFAULT_STORE = 'sqlite://data/once.sqlite';

/**
 * One poll of every feed now (intervals and back-off ignored), without Discord. Prints each matching
 * item its store has not printed before, each failed feed, and a closing summary line on stderr;
 * feed failures do not change the exit code.
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
  const storeUrl = typeof ctx.flags.store === 'string' ? ctx.flags.store : ONCE_DEFAULT_STORE;
  const app = await createApp({ config, env: ctx.env, storeUrl, logger: loggerFor(ctx), consoleSink: sink, onFeedPolled, pollEveryFeed: true });
  try {
    const report = await app.runCycle();
    progress?.done();
    for (const failure of report.failures) ctx.stderr(`feed ${failure.feedId} failed: ${failure.reason}`);
    ctx.stderr(describeCycle(report));
  } finally {
    await app.stop();
  }
  return EXIT_OK;
}
