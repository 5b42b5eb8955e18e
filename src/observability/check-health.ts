import { errorMessage } from '../shared/errors';
import { createSecretScrubber } from '../shared/scrub-secrets';

/** What `/healthz` asks the running bot; injected so the answer can be tested without one. */
export interface HealthChecks {
  /** Resolves true when the store answers a read. */
  storeOk(): Promise<boolean>;
  /** The Discord gateway session: undefined in console mode, where there is none to check. */
  gatewayConnected(): boolean | undefined;
  lastPollFinishedAt(): Date | undefined;
  /** Time between two scheduled polls; a function when it is only known once the schedule runs. */
  intervalMs: number | (() => number);
  startedAt: Date;
  now(): Date;
}

export type HealthStatus = { status: 'ok' } | { status: 'unhealthy'; reasons: string[] };

/** A store that takes longer than this is as good as down for an orchestrator's probe. */
export const STORE_CHECK_TIMEOUT_MS = 2_000;
/** A poll is overdue after two intervals: one missed tick is tolerated, two are not. */
const STALE_AFTER_INTERVALS = 2;

/** Every failing check gives a reason, so one probe tells the operator everything that is wrong. */
export async function checkHealth(checks: HealthChecks, storeTimeoutMs = STORE_CHECK_TIMEOUT_MS): Promise<HealthStatus> {
  const reasons = [await checkStore(checks, storeTimeoutMs), checkGateway(checks), checkPoll(checks)].filter((r): r is string => r !== undefined);
  return reasons.length === 0 ? { status: 'ok' } : { status: 'unhealthy', reasons };
}

async function checkStore(checks: HealthChecks, timeoutMs: number): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const answer = await Promise.race([checks.storeOk(), timeout]);
    if (answer === 'timeout') return `store did not answer within ${timeoutMs} ms`;
    return answer ? undefined : 'store is not answering';
  } catch (error: unknown) {
    // The reason is served over HTTP: a store URL in the message must not carry its password out.
    return `store is not answering: ${createSecretScrubber()(errorMessage(error))}`;
  } finally {
    clearTimeout(timer);
  }
}

function checkGateway(checks: HealthChecks): string | undefined {
  return checks.gatewayConnected() === false ? 'Discord gateway is not connected' : undefined;
}

function checkPoll(checks: HealthChecks): string | undefined {
  const now = checks.now().getTime();
  const limitMs = STALE_AFTER_INTERVALS * (typeof checks.intervalMs === 'number' ? checks.intervalMs : checks.intervalMs());
  const last = checks.lastPollFinishedAt();
  if (last) {
    const age = now - last.getTime();
    return age > limitMs ? `last poll finished ${formatDuration(age)} ago (${last.toISOString()}), more than ${formatDuration(limitMs)}` : undefined;
  }
  // Before the first poll finishes, the time since start gets the same allowance.
  const sinceStart = now - checks.startedAt.getTime();
  return sinceStart > limitMs ? `no poll has finished in the ${formatDuration(sinceStart)} since start` : undefined;
}

/** "45s", "12m", "2h 5m": precise enough for a reason line. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours}h` : `${hours}h ${minutes % 60}m`;
}
