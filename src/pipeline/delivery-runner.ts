import type { Logger } from '../shared/logger';
import { deliverPending, type DeliveryDeps, type DeliveryReport } from './deliver-alerts';

export interface DeliveryRunner {
  /** Deliver now (or right after the run in progress). */
  kick(): void;
  /** Resolves when no run is in progress or scheduled to start at once. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

const RETRY_CHECK_MS = 5_000;

/**
 * Runs delivery one round at a time. A round leaving alerts behind (Discord down, back-off) schedules the
 * next one, so the outbox drains by itself once Discord answers — independently of the poll schedule.
 */
export function createDeliveryRunner(deps: DeliveryDeps & { now: () => Date; retryCheckMs?: number }, logger: Logger): DeliveryRunner {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const round = async (): Promise<DeliveryReport | undefined> => {
    try {
      return await deliverPending(deps, deps.now());
    } catch (error: unknown) {
      logger.error({ err: error }, 'delivery round failed');
      return undefined;
    }
  };
  const run = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = (async () => {
      do {
        again = false;
        const report = await round();
        if (report && report.pending > 0 && !stopped) {
          timer = setTimeout(run, deps.retryCheckMs ?? RETRY_CHECK_MS);
          timer.unref();
        }
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
    });
  };
  return {
    kick: run,
    idle: async () => {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
