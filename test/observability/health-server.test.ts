import { createMetrics } from '../../src/observability/metrics';
import { startHealthServer, type HealthServer } from '../../src/observability/health-server';
import type { HealthChecks } from '../../src/observability/check-health';

const INTERVAL_MS = 5 * 60_000;
const STARTED_AT = new Date('2025-03-04T06:00:00Z');
const NOW = new Date('2025-03-04T07:00:00Z');

function makeChecks(overrides: Partial<HealthChecks> = {}): HealthChecks {
  return {
    storeOk: async () => true,
    gatewayConnected: () => true,
    lastPollFinishedAt: () => new Date(NOW.getTime() - 60_000),
    intervalMs: INTERVAL_MS,
    startedAt: STARTED_AT,
    now: () => NOW,
    ...overrides,
  };
}

describe('startHealthServer', () => {
  let server: HealthServer | undefined;
  const start = async (checks: HealthChecks, metrics = createMetrics({ defaultMetrics: false })) => {
    server = await startHealthServer({ port: 0, host: '127.0.0.1', checks, metrics });
    return server;
  };
  const getHealth = async (checks: HealthChecks) => {
    const { url } = await start(checks);
    const response = await fetch(`${url}/healthz`);
    return { status: response.status, body: (await response.json()) as { status: string; reasons?: string[] } };
  };

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('answers 200 ok when the store answers, the gateway is up and the last poll is recent', async () => {
    expect(await getHealth(makeChecks())).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('answers 200 in console mode, where there is no gateway to check', async () => {
    expect((await getHealth(makeChecks({ gatewayConnected: () => undefined }))).status).toBe(200);
  });

  it('answers 200 before the first poll while the start-up grace period lasts', async () => {
    const checks = makeChecks({ lastPollFinishedAt: () => undefined, startedAt: new Date(NOW.getTime() - INTERVAL_MS) });
    expect((await getHealth(checks)).status).toBe(200);
  });

  test.each<[string, Partial<HealthChecks>, RegExp]>([
    ['the store says no', { storeOk: async () => false }, /^store is not answering$/],
    ['the store throws', { storeOk: async () => Promise.reject(new Error('connect ECONNREFUSED redis://radar:hunter2secret@redis:6379')) }, /^store is not answering: connect ECONNREFUSED redis:\/\/radar:\[redacted\]@redis:6379$/],
    ['the gateway is down', { gatewayConnected: () => false }, /^Discord gateway is not connected$/],
    ['the last poll is older than two intervals', { lastPollFinishedAt: () => new Date(NOW.getTime() - 11 * 60_000) }, /^last poll finished 11m ago \(2025-03-04T06:49:00.000Z\), more than 10m$/],
    ['no poll finished in two intervals since start', { lastPollFinishedAt: () => undefined }, /^no poll has finished in the 1h since start$/],
  ])('answers 503 with a reason when %s', async (_name, overrides, reason) => {
    const { status, body } = await getHealth(makeChecks(overrides));
    expect(status).toBe(503);
    expect(body.status).toBe('unhealthy');
    expect(body.reasons).toHaveLength(1);
    expect(body.reasons?.[0]).toMatch(reason);
  });

  it('reads the interval again at each probe when given as a function', async () => {
    const checks = makeChecks({ intervalMs: () => 60 * 60_000, lastPollFinishedAt: () => new Date(NOW.getTime() - 90 * 60_000) });
    expect((await getHealth(checks)).status).toBe(200);
  });

  it('lists every failing check at once', async () => {
    const { body } = await getHealth(makeChecks({ storeOk: async () => false, gatewayConnected: () => false }));
    expect(body.reasons).toEqual(['store is not answering', 'Discord gateway is not connected']);
  });

  it('treats a store that hangs as down instead of hanging the probe', async () => {
    const { url } = await start(makeChecks({ storeOk: () => new Promise<boolean>(() => {}) }));
    // The store's promise never settles: an answer at all (not the test's timeout) shows the probe gave up on it.
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(503);
    expect(((await response.json()) as { reasons: string[] }).reasons).toEqual(['store did not answer within 2000 ms']);
  });

  it('serves every radar metric in Prometheus text format on /metrics', async () => {
    const metrics = createMetrics({ outboxDepth: async () => 7 });
    metrics.recordCycle({ startedAt: '2025-03-04T06:55:00Z', durationMs: 2_500, feeds: { due: 4, ok: 2, notModified: 1, failed: 1 }, items: 30, newItems: 3 });
    metrics.recordMatches([{ matches: [{ topicId: 'heavy-rare-earths' }, { topicId: 'heavy-rare-earths' }, { topicId: 'policy-trade' }] }]);
    metrics.recordSend({ kind: 'sent' }, 0.2);
    metrics.recordSend({ kind: 'transient' }, 1.5);
    metrics.recordRateLimit(false);
    const { url } = await start(makeChecks(), metrics);
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    for (const name of [
      'radar_polls_total 1',
      'radar_feed_fetches_total{status="ok"} 2',
      'radar_feed_fetches_total{status="not_modified"} 1',
      'radar_feed_fetches_total{status="failed"} 1',
      'radar_items_total 30',
      'radar_new_items_total 3',
      'radar_matches_total{topic="heavy-rare-earths"} 1',
      'radar_matches_total{topic="policy-trade"} 1',
      'radar_alerts_sent_total 1',
      'radar_alerts_failed_total{kind="transient"} 1',
      'radar_alerts_failed_total{kind="permanent"} 0',
      'radar_outbox_depth 7',
      'radar_send_latency_seconds_count 2',
      'radar_discord_rate_limits_total{global="false"} 1',
      'radar_discord_rate_limits_total{global="true"} 0',
      'radar_poll_duration_seconds_sum 2.5',
      'radar_last_poll_timestamp_seconds 1741071300',
      'process_cpu_user_seconds_total',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(text).toContain(name);
    }
  });

  it('still serves /metrics when the outbox cannot be read', async () => {
    const metrics = createMetrics({ defaultMetrics: false, outboxDepth: () => Promise.reject(new Error('store down')) });
    const { url } = await start(makeChecks(), metrics);
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('radar_outbox_depth 0');
  });

  test.each([
    ['GET', '/nope', 404],
    ['POST', '/healthz', 405],
    ['HEAD', '/healthz', 200],
    ['GET', '/healthz?verbose=1', 200],
  ])('answers %s %s with %i', async (method, path, status) => {
    const { url } = await start(makeChecks());
    expect((await fetch(`${url}${path}`, { method })).status).toBe(status);
  });

  it('rejects when the port is taken', async () => {
    const first = await start(makeChecks());
    await expect(startHealthServer({ port: first.port, host: '127.0.0.1', checks: makeChecks(), metrics: createMetrics({ defaultMetrics: false }) })).rejects.toThrow(/EADDRINUSE/);
  });
});
