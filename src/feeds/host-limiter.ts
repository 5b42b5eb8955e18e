import pLimit from 'p-limit';

/** Bounds concurrent requests per host, so one slow or strict publisher never sees a burst from us. */
export interface HostLimiter {
  /** `signal`: once aborted, a wait for the host's turn ends at once (the task then fails fast itself). */
  run<T>(url: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

export interface HostLimiterOptions {
  /** Tasks on one host start at least this far apart (0: no spacing). */
  minIntervalMs?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<unknown>;
}

/**
 * Creates a limiter allowing `perHost` concurrent tasks per hostname (ports ignored: politeness is per
 * machine), started at least `minIntervalMs` apart, so many feeds on one site (fifty servers each adding
 * a search query on the same news site) reach it as a trickle, not a burst. Idle hosts are forgotten, so
 * the maps do not grow with every feed ever polled.
 */
export function createHostLimiter(perHost: number, options: HostLimiterOptions = {}): HostLimiter {
  const limits = new Map<string, pLimit.Limit>();
  const spacing = createSpacing(options);
  return {
    async run<T>(url: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      const host = hostKey(url);
      const limit = limits.get(host) ?? pLimit(Math.max(1, perHost));
      limits.set(host, limit);
      try {
        return await limit(async () => {
          await spacing.waitTurn(host, signal);
          return task();
        });
      } finally {
        if (limit.activeCount === 0 && limit.pendingCount === 0) limits.delete(host);
      }
    },
  };
}

/** Reserves each host's next start time, so waiters queued together still start one interval apart. */
function createSpacing(options: HostLimiterOptions): { waitTurn(host: string, signal?: AbortSignal): Promise<void> } {
  const intervalMs = options.minIntervalMs ?? 0;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? createAbortableSleep();
  const nextStart = new Map<string, number>();
  return {
    async waitTurn(host, signal) {
      if (intervalMs <= 0 || signal?.aborted) return;
      const at = now();
      // forEach, not for…of entries(): every feed of a poll passes here, and each entry pair was garbage.
      nextStart.forEach((time, key) => {
        if (time <= at) nextStart.delete(key);
      });
      const start = Math.max(at, nextStart.get(host) ?? at);
      nextStart.set(host, start + intervalMs);
      if (start > at) await sleep(start - at, signal);
    },
  };
}

/**
 * Referenced sleeps (a one-shot `once` must not exit while a feed waits its turn), cut short by shutdown.
 * One abort listener per signal wakes all its sleepers: a listener added and removed per sleep cost an
 * EventTarget scan each time, with every feed of a cycle waiting on the same signal (~2% of a steady
 * 2,000-feed poll's CPU).
 */
function createAbortableSleep(): (ms: number, signal?: AbortSignal) => Promise<void> {
  const sleepersOf = new WeakMap<AbortSignal, Set<() => void>>();
  const sleepersFor = (signal: AbortSignal): Set<() => void> => {
    const known = sleepersOf.get(signal);
    if (known) return known;
    const sleepers = new Set<() => void>();
    sleepersOf.set(signal, sleepers);
    signal.addEventListener('abort', () => sleepers.forEach((wake) => wake()), { once: true });
    return sleepers;
  };
  return (ms, signal) =>
    new Promise<void>((resolve) => {
      if (!signal) return void setTimeout(resolve, ms);
      if (signal.aborted) return resolve();
      const sleepers = sleepersFor(signal);
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });
}

function hostKey(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    // Unparseable URLs share one slot; fetching them fails fast anyway.
    return '';
  }
}

/** Runs at most `concurrency` tasks at once (a poll's feeds overall); p-limit stays feeds/'s library alone. */
export function createConcurrencyLimit(concurrency: number): <T>(task: () => Promise<T>) => Promise<T> {
  return pLimit(Math.max(1, concurrency));
}
