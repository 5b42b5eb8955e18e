interface Window {
  resetAt: number;
  remaining: number;
}

export interface TwinLimits {
  channelLimit: number;
  channelWindowMs: number;
  globalPerSecond: number;
}

/** Discord's message-create bucket (5 per 5 s per channel) and global limit (50/s), as the twin applies them. */
export const DISCORD_DEFAULT_LIMITS: TwinLimits = { channelLimit: 5, channelWindowMs: 5_000, globalPerSecond: 50 };

/**
 * The shortest time in which a client could send `perChannel[i]` messages to each channel under the
 * Discord twin's limits (fixed windows opened by the first request after the previous one ended), with
 * zero latency, from the first send to the last: the yardstick for "the rate the limits allow".
 * Greedy, longest queue first, which is optimal for these limits.
 */
export function idealMakespanMs(perChannel: readonly number[], limits: TwinLimits = DISCORD_DEFAULT_LIMITS): number {
  const left = [...perChannel];
  const windows: Window[] = left.map(() => ({ resetAt: Number.NEGATIVE_INFINITY, remaining: 0 }));
  let global: Window = { resetAt: Number.NEGATIVE_INFINITY, remaining: 0 };
  let now = 0;
  let lastSend = 0;
  while (left.some((n) => n > 0)) {
    const order = left.map((n, i) => ({ n, i })).filter((c) => c.n > 0).sort((a, b) => b.n - a.n);
    for (const { i } of order) {
      const window = windows[i] as Window;
      const room = now >= window.resetAt ? limits.channelLimit : window.remaining;
      const globalRoom = now >= global.resetAt ? limits.globalPerSecond : global.remaining;
      const count = Math.min(room, globalRoom, left[i] ?? 0);
      if (count <= 0) continue;
      if (now >= window.resetAt) Object.assign(window, { resetAt: now + limits.channelWindowMs, remaining: limits.channelLimit });
      if (now >= global.resetAt) global = { resetAt: now + 1_000, remaining: limits.globalPerSecond };
      window.remaining -= count;
      global.remaining -= count;
      left[i] = (left[i] ?? 0) - count;
      lastSend = now;
    }
    const blockers = windows.filter((w, i) => (left[i] ?? 0) > 0 && w.remaining === 0 && w.resetAt > now).map((w) => w.resetAt);
    if (global.remaining === 0 && global.resetAt > now) blockers.push(global.resetAt);
    now = Math.min(...blockers);
  }
  return lastSend;
}
