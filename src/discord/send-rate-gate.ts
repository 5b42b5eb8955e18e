/**
 * Keeps the bot's delivery requests under Discord's global limit (50 requests per second) however busy
 * the machine is. Discord counts a request when it arrives, which is somewhere between our send and its
 * answer; so a slot is held from the send until one second after the answer. A slot's next request then
 * arrives more than a second after its previous one, and no one-second span as Discord sees it can hold
 * more than `perSecond` of them — also when a starved process sends late and in bunches, which a gate
 * timed at the send (or discord.js's fixed one-second windows) cannot promise. On an idle machine the
 * cost is one round trip per second per slot. The per-channel limits are left to discord.js, which reads
 * them from each route's rate-limit headers.
 */
export interface SendRateGate {
  /** Runs `send` once a slot is free; rejects without sending when `signal` aborts first. */
  run<T>(send: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

export interface SendRateGateOptions {
  perSecond: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * All of Discord's 50: every request of the delivery path passes the gate (interaction answers do not
 * count towards the global limit, as Discord documents), and the slot hold already absorbs any drift.
 */
export const DEFAULT_SENDS_PER_SECOND = 50;
const WINDOW_MS = 1_000;

export function createSendRateGate(options: SendRateGateOptions): SendRateGate {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleepMs;
  let inFlight = 0;
  // When each settled slot becomes free again, oldest first.
  const freeAt: number[] = [];
  let settled: (() => void) | undefined;
  let queue: Promise<void> = Promise.resolve();

  async function take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      while (freeAt.length > 0 && (freeAt[0] as number) <= now()) freeAt.shift();
      if (inFlight + freeAt.length < options.perSecond) break;
      if (freeAt.length > 0) await sleep((freeAt[0] as number) - now(), signal);
      else await new Promise<void>((resolve) => (settled = resolve)); // every slot is waiting for an answer
    }
    inFlight += 1;
  }

  function release(): void {
    inFlight -= 1;
    freeAt.push(now() + WINDOW_MS);
    settled?.();
    settled = undefined;
  }

  return {
    async run(send, signal) {
      // One waiter at a time, in arrival order, so sends keep the order the channels asked in.
      const turn = queue.then(() => take(signal));
      queue = turn.catch(() => undefined);
      await turn;
      try {
        return await send();
      } finally {
        release();
      }
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
