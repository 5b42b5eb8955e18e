import pLimit from 'p-limit';

/** Bounds concurrent requests per host, so one slow or strict publisher never sees a burst from us. */
export interface HostLimiter {
  run<T>(url: string, task: () => Promise<T>): Promise<T>;
}

/**
 * Creates a limiter allowing `perHost` concurrent tasks per hostname (ports ignored: politeness is per
 * machine). Idle hosts are forgotten, so the map does not grow with every feed ever polled.
 */
export function createHostLimiter(perHost: number): HostLimiter {
  const limits = new Map<string, pLimit.Limit>();
  return {
    async run<T>(url: string, task: () => Promise<T>): Promise<T> {
      const host = hostKey(url);
      const limit = limits.get(host) ?? pLimit(Math.max(1, perHost));
      limits.set(host, limit);
      try {
        return await limit(task);
      } finally {
        if (limit.activeCount === 0 && limit.pendingCount === 0) limits.delete(host);
      }
    },
  };
}

function hostKey(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    // Unparseable URLs share one slot; fetching them fails fast anyway.
    return '';
  }
}
