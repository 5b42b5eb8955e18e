import { createTask, schedule as scheduleCron, type ScheduledTask } from 'node-cron';
import type { Logger } from '../shared/logger';

export interface Scheduler {
  /** Runs one tick now (unless one is running), then on every cron tick. */
  start(): void;
  /** Stops scheduling and waits for the tick in flight, if any. */
  stop(): Promise<void>;
  readonly lastFinishedAt: Date | undefined;
  nextRun(): Date | null;
}

/**
 * Elects the one instance of a fleet that runs a tick (node-cron 4's RunCoordinator shape). `key` names
 * the tick, the same on every instance; `ttlMs` is how long that name stays taken.
 */
export interface TickCoordinator {
  shouldRun(key: string, ttlMs: number): Promise<boolean>;
  onComplete(key: string): Promise<void>;
}

export interface SchedulerOptions {
  cron: string;
  tick: () => Promise<unknown>;
  logger: Logger;
  /** Several instances share the work: each tick runs only where the coordinator says so. */
  coordinator?: TickCoordinator;
}

/**
 * The tick: node-cron with no overlapping runs. A tick that is still running when the next one is due
 * makes the next one skip (and log), so a slow poll never runs twice at once. With a coordinator, every
 * instance asks it at each tick and only the elected one polls; the others count the tick as handled.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  let inFlight: Promise<void> | undefined;
  let lastFinishedAt: Date | undefined;
  let task: ScheduledTask | undefined;
  const intervalMs = cronIntervalMs(options.cron);

  const runTick = (key: string): Promise<void> => {
    if (inFlight) {
      options.logger.warn('previous poll still running; skipping this tick');
      return inFlight;
    }
    inFlight = coordinated(key)
      .then(
        (handled) => {
          if (handled) lastFinishedAt = new Date();
        },
        (error: unknown) => {
          // Nothing scheduled may crash the process: report and wait for the next tick.
          options.logger.error({ err: error }, 'poll cycle failed');
        },
      )
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };
  /** Runs the tick if this instance is elected; false when nobody could be (coordinator unreachable). */
  const coordinated = async (key: string): Promise<boolean> => {
    const { coordinator, logger } = options;
    if (!coordinator) return options.tick().then(() => true);
    let elected: boolean;
    try {
      elected = await coordinator.shouldRun(key, intervalMs);
    } catch (error: unknown) {
      // Fail closed: polling without the fleet's agreement could poll twice; the next tick asks again.
      logger.error({ err: error, tick: key }, 'could not reach the poll coordinator; skipping this tick');
      return false;
    }
    if (!elected) {
      logger.debug({ tick: key }, 'another instance polls this tick');
      return true;
    }
    logger.debug({ tick: key }, 'polling this tick for the fleet');
    try {
      await options.tick();
      return true;
    } finally {
      await coordinator.onComplete(key).catch((error: unknown) => logger.warn({ err: error }, 'could not release the poll lease; it expires by itself'));
    }
  };

  return {
    start() {
      task = scheduleCron(options.cron, (context) => runTick(`poll:${context.date.toISOString()}`), { name: 'poll', noOverlap: true });
      // The start-up poll is named after the current interval, so a fleet started together polls once.
      void runTick(`poll:start:${Math.floor(Date.now() / intervalMs)}`);
    },
    async stop() {
      await task?.stop();
      await task?.destroy();
      task = undefined;
      await inFlight;
    },
    get lastFinishedAt() {
      return lastFinishedAt;
    },
    nextRun: () => task?.getNextRun() ?? null,
  };
}

/**
 * The gap between two upcoming ticks of a cron expression, for "the last poll is overdue" checks.
 * Irregular schedules give the next gap, which is what an overdue check needs.
 */
export function cronIntervalMs(cron: string): number {
  const task = createTask(cron, () => {});
  try {
    const [first, second] = task.getNextRuns(2);
    return first && second ? second.getTime() - first.getTime() : 5 * 60_000;
  } finally {
    void task.destroy();
  }
}
