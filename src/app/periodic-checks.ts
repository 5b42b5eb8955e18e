import type { DiscordMode } from './discord-mode';
import { flushDueDigests, type FlushDigestsDeps } from '../delivery/flush-digests';
import type { Logger } from '../shared/logger';

/** Digests due and server feeds down for a day: looked at after every poll and on a timer between polls. */
export interface PeriodicChecks {
  /** Runs the checks now (or joins the run in flight). */
  run(): Promise<void>;
  /** Also every `intervalMs`, until stop. */
  start(intervalMs: number): void;
  /** No more runs; resolves when the one in flight is done. */
  stop(): Promise<void>;
  /** Resolves when no run is in flight. */
  idle(): Promise<void>;
}

/** Discord mode only (`discord()` undefined: console mode or not logged in yet, nothing to do). */
export function createPeriodicChecks(deps: Omit<FlushDigestsDeps, 'logger'> & { discord: () => DiscordMode | undefined; now: () => Date; logger: Logger }): PeriodicChecks {
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  let stopped = false;
  const run = (): Promise<void> => {
    const discord = deps.discord();
    if (!discord || stopped) return Promise.resolve();
    inFlight ??= (async () => {
      try {
        const queued = await flushDueDigests(deps, deps.now());
        if (queued > 0) discord.delivery.kick();
        await discord.notices.checkFailingFeeds();
      } catch (error: unknown) {
        // Nothing scheduled may crash the process; the next poll or tick repeats it.
        deps.logger.error({ err: error }, 'digest and notice check failed');
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  };
  return {
    run,
    start(intervalMs) {
      timer = setInterval(() => void run(), intervalMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await inFlight;
    },
    idle: async () => {
      await inFlight;
    },
  };
}
