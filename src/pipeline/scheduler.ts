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
 * The tick: node-cron with no overlapping runs. A tick that is still running when the next one is due
 * makes the next one skip (and log), so a slow poll never runs twice at once.
 */
export function createScheduler(options: { cron: string; tick: () => Promise<unknown>; logger: Logger }): Scheduler {
  let inFlight: Promise<void> | undefined;
  let lastFinishedAt: Date | undefined;
  let task: ScheduledTask | undefined;

  const runTick = (): Promise<void> => {
    if (inFlight) {
      options.logger.warn('previous poll still running; skipping this tick');
      return inFlight;
    }
    inFlight = options
      .tick()
      .then(
        () => {
          lastFinishedAt = new Date();
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

  return {
    start() {
      task = scheduleCron(options.cron, () => runTick(), { name: 'poll', noOverlap: true });
      void runTick();
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
