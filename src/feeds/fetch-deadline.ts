import type { FeedResponse } from './feed-response';

/** Enough to read a short error page or redirect body to its end, so its connection can be reused. */
const DISCARD_LIMIT_BYTES = 64 * 1024;

/** The budget of one fetchFeed call, shared by its redirects, retries and body reads. */
export interface FetchDeadline {
  /** Aborts when the timeout passes or the caller's signal fires. */
  readonly signal: AbortSignal;
  /** Our own timeout fired (as opposed to the caller cancelling). */
  timedOut(): boolean;
  /**
   * Lets go of a response without using its body, and never throws. A short body is read to its end in the
   * background so its connection goes back to the pool; a long one closes it. Not awaited: a body that
   * never ends must not hold up the caller, and the deadline still ends it.
   */
  discard(response: FeedResponse): void;
  /** The fetch is done: disarm once every discarded body has drained (now, when none is left). */
  finish(): void;
}

/**
 * A timer and one listener on the caller's signal, both removed when the fetch is done. AbortSignal.timeout
 * with AbortSignal.any cost ~30 µs a fetch, under load, and keep a timer per fetch for the whole timeout
 * (issue #15). The caller's signal must allow a listener per fetch in flight (create-app lifts its limit).
 */
export function startFetchDeadline(timeoutMs: number, callerSignal?: AbortSignal): FetchDeadline {
  const controller = new AbortController();
  let timedOut = false;
  let draining = 0;
  let finished = false;
  const cancel = (): void => controller.abort(callerSignal?.reason);
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`timed out after ${timeoutMs} ms`, 'TimeoutError'));
  }, timeoutMs);
  // Like AbortSignal.timeout's, the timer alone never keeps the process alive.
  timer.unref();
  if (callerSignal?.aborted) cancel();
  else callerSignal?.addEventListener('abort', cancel, { once: true });
  const disarmWhenIdle = (): void => {
    if (!finished || draining > 0) return;
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', cancel);
  };
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    discard: (response) => {
      draining += 1;
      response.body
        .dump({ limit: DISCARD_LIMIT_BYTES })
        .catch(() => undefined)
        .finally(() => {
          draining -= 1;
          disarmWhenIdle();
        });
    },
    finish: () => {
      finished = true;
      disarmWhenIdle();
    },
  };
}
