import type { Logger } from '../shared/logger';
import { deliverPending, type DeliveryDeps, type DeliveryReport } from './deliver-alerts';

export interface DeliveryRunner {
  /** Deliver now (or right after the run in progress). `ignoreBackoff`: Discord is known to answer again. */
  kick(options?: { ignoreBackoff?: boolean }): void;
  /** Resolves when no run is in progress or scheduled to start at once. */
  idle(): Promise<void>;
  /** No new sends; resolves when the sends in flight have returned. What is unsent stays in the outbox. */
  stop(): Promise<void>;
}

/** How often an outbox with waiting alerts is looked at again. */
export const RETRY_CHECK_MS = 5_000;

/**
 * Runs delivery one round at a time. A round leaving alerts behind (Discord down, back-off) schedules the
 * next one, so the outbox drains by itself once Discord answers — independently of the poll schedule.
 */
export function createDeliveryRunner(
  deps: DeliveryDeps & {
    now: () => Date;
    retryCheckMs?: number;
    /**
     * Shared store: look at the outbox this often even when it seemed empty, since other instances queue
     * alerts too and one that dies leaves its claimed channels to the others.
     */
    sweepMs?: number;
  },
  logger: Logger,
): DeliveryRunner {
  let running: Promise<void> | undefined;
  let again = false;
  let ignoreBackoffNext = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const roundDeps: DeliveryDeps = { ...deps, isStopping: () => stopped, unreadableChannels: new Set() };

  const round = async (ignoreBackoff: boolean): Promise<DeliveryReport | undefined> => {
    try {
      return await deliverPending(roundDeps, deps.now(), { ignoreBackoff });
    } catch (error: unknown) {
      // Nothing scheduled may crash the process; the timer below tries again.
      logger.error({ err: error }, 'delivery round failed');
      return undefined;
    }
  };
  const run = (options: { ignoreBackoff?: boolean } = {}): void => {
    if (stopped) return;
    ignoreBackoffNext ||= options.ignoreBackoff === true;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = (async () => {
      do {
        again = false;
        const ignoreBackoff = ignoreBackoffNext;
        ignoreBackoffNext = false;
        const report = await round(ignoreBackoff);
        const waiting = !report || report.pending > 0;
        if ((waiting || deps.sweepMs !== undefined) && !stopped) {
          clearTimeout(timer);
          timer = setTimeout(run, waiting ? (deps.retryCheckMs ?? RETRY_CHECK_MS) : deps.sweepMs);
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
