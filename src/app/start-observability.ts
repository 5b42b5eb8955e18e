import type { Environment } from '../config/environment';
import { startHealthServer, type HealthServer } from '../observability/health-server';
import type { RadarMetrics } from '../observability/metrics';
import { cronIntervalMs, type Scheduler } from '../poll/scheduler';
import { UserError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { KeyValue } from '../store/key-value';

/**
 * Serves /healthz and /metrics when HTTP_PORT is set. Healthy = the store answers, the gateway is up
 * (Discord mode only) and a poll finished within two schedule intervals.
 */
export async function startObservability(options: {
  env: Readonly<Environment>;
  cron: string;
  kv: KeyValue;
  metrics: RadarMetrics;
  /** undefined in console mode, where there is no gateway to check. */
  gatewayConnected: () => boolean | undefined;
  scheduler: () => Scheduler | undefined;
  now: () => Date;
  logger: Logger;
}): Promise<HealthServer | undefined> {
  if (options.env.httpPort === undefined) return undefined;
  const intervalMs = cronIntervalMs(options.cron);
  const server = await startHealthServer({
    port: options.env.httpPort,
    host: options.env.httpHost,
    metrics: options.metrics,
    logger: options.logger,
    checks: {
      storeOk: async () => {
        await options.kv.get('__ping__');
        return true;
      },
      gatewayConnected: options.gatewayConnected,
      lastPollFinishedAt: () => options.scheduler()?.lastFinishedAt,
      intervalMs,
      startedAt: options.now(),
      now: options.now,
    },
  }).catch((error: unknown) => {
    throw explainListenFailure(options.env, error);
  });
  options.logger.info({ url: server.url }, 'health and metrics endpoints listening');
  return server;
}

/** A port in use or out of reach is a setting to change, said in one line, not a stack. */
function explainListenFailure(env: Readonly<Environment>, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  const where = `HTTP_PORT ${env.httpPort} on ${env.httpHost ?? 'all interfaces'}`;
  if (code === 'EADDRINUSE') return new UserError(`${where} is already in use: stop the program using it or set HTTP_PORT to a free port`);
  if (code === 'EACCES') return new UserError(`${where} needs privileges this user lacks: use a port above 1023`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return new UserError(`${where}: HTTP_HOST is not an address of this machine (${code}); unset it to listen on all interfaces`);
  return error;
}
