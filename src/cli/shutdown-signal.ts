/** How long shutdown may take before the process exits anyway. */
export const SHUTDOWN_TIMEOUT_MS = 10_000;

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/** Resolves with the first SIGINT or SIGTERM; the caller then stops scheduling and closes the store. */
export function waitForShutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      for (const name of SIGNALS) process.off(name, onSignal);
      resolve(signal);
    };
    for (const name of SIGNALS) process.on(name, onSignal);
  });
}

export interface ShutdownGuard {
  /** Shutdown finished; the timer stays armed only as a last resort against handles that keep the process up. */
  release(): void;
}

/**
 * Bounds shutdown: once armed, the process exits with `code` after `timeoutMs` or on a second signal,
 * whatever is still running (a send that never answers, a socket that will not close). Unsent alerts are
 * in the outbox, so exiting loses nothing. The timer is unref'd: it never keeps an idle process alive.
 */
export function guardShutdown(options: {
  timeoutMs: number;
  code: number;
  onForcedExit: (why: 'timeout' | NodeJS.Signals) => void;
  exit?: (code: number) => void;
}): ShutdownGuard {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const force = (why: 'timeout' | NodeJS.Signals) => {
    options.onForcedExit(why);
    exit(options.code);
  };
  const timer = setTimeout(() => force('timeout'), options.timeoutMs);
  timer.unref();
  const onSecondSignal = (signal: NodeJS.Signals) => force(signal);
  for (const name of SIGNALS) process.once(name, onSecondSignal);
  return {
    release() {
      for (const name of SIGNALS) process.off(name, onSecondSignal);
    },
  };
}
