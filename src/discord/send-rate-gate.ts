/**
 * Keeps the bot's own posts under Discord's global limit (50 requests per second) with a margin, in a
 * sliding window: at most `perSecond` sends in any one-second span. discord.js counts its global limit
 * in fixed one-second windows from the first request, which lets 50 go out at the end of one window and
 * 50 more at the start of the next — 100 within a second as Discord sees them. On an idle machine the
 * two clocks line up closely enough; on a busy one they drift apart and Discord answers 429. The per-
 * channel limits are left to discord.js, which reads them from each route's rate-limit headers.
 */
export interface SendRateGate {
  /** Resolves when one more send fits in the window (and counts it); rejects when `signal` aborts. */
  wait(signal?: AbortSignal): Promise<void>;
}

export interface SendRateGateOptions {
  perSecond: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** 47 of Discord's 50 per second: 94% of the allowed rate, with 60 ms of drift tolerated per window. */
export const DEFAULT_SENDS_PER_SECOND = 47;
const WINDOW_MS = 1_000;

export function createSendRateGate(options: SendRateGateOptions): SendRateGate {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleepMs;
  // Times of the last `perSecond` sends, oldest first; a send fits once the oldest left the window.
  const recent: number[] = [];
  let queue: Promise<void> = Promise.resolve();

  async function take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const oldest = recent.length < options.perSecond ? undefined : recent[0];
      const waitMs = oldest === undefined ? 0 : oldest + WINDOW_MS - now();
      if (waitMs <= 0) break;
      await sleep(waitMs, signal);
    }
    recent.push(now());
    if (recent.length > options.perSecond) recent.shift();
  }

  return {
    wait(signal) {
      // One waiter at a time, in arrival order, so sends keep the order the channels asked in.
      const turn = queue.then(() => take(signal));
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}

function sleepMs(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', abort, { once: true });
  });
}
