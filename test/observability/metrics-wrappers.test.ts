import type { Alert } from '../../src/delivery/alert';
import type { SendResult } from '../../src/delivery/alert-sender';
import type { MatchedItem } from '../../src/poll/matched-item';
import { countMatches } from '../../src/observability/count-matches';
import { measureSends } from '../../src/observability/measure-sends';
import { createMetrics } from '../../src/observability/metrics';

async function metricText(metrics: ReturnType<typeof createMetrics>): Promise<string> {
  return metrics.registry.metrics();
}

describe('measureSends', () => {
  test.each<[SendResult, string]>([
    [{ kind: 'sent', messageId: '1' }, 'radar_alerts_sent_total 1'],
    [{ kind: 'permanent', reason: 'Discord 404' }, 'radar_alerts_failed_total{kind="permanent"} 1'],
    [{ kind: 'rejected', reason: 'Discord 400' }, 'radar_alerts_failed_total{kind="rejected"} 1'],
    [{ kind: 'transient', reason: 'Discord 503' }, 'radar_alerts_failed_total{kind="transient"} 1'],
  ])('passes %j through, counts it and times it', async (result, line) => {
    const metrics = createMetrics({ defaultMetrics: false });
    const times = [1_000, 1_750];
    const sender = measureSends({ send: async () => result }, metrics, () => times.shift() ?? 0);
    expect(await sender.send({} as Alert)).toBe(result);
    const text = await metricText(metrics);
    expect(text).toContain(line);
    expect(text).toContain('radar_send_latency_seconds_sum 0.75');
    expect(text).toContain('radar_send_latency_seconds_bucket{le="1"} 1');
  });
});

describe('countMatches', () => {
  const item = (topics: string[]) => ({ item: {}, matches: topics.map((topicId) => ({ topicId })) }) as unknown as MatchedItem;

  it('counts each topic once per item after the sink accepted the batch', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const delivered: MatchedItem[] = [];
    const sink = countMatches({ deliver: async (items) => void delivered.push(...items) }, metrics);
    await sink.deliver([item(['prices-markets', 'prices-markets']), item(['prices-markets', 'policy-trade'])]);
    expect(delivered).toHaveLength(2);
    const text = await metricText(metrics);
    expect(text).toContain('radar_matches_total{topic="prices-markets"} 2');
    expect(text).toContain('radar_matches_total{topic="policy-trade"} 1');
  });

  it('counts nothing when the sink refuses the batch, since it will be polled again', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const sink = countMatches({ deliver: async () => Promise.reject(new Error('store down')) }, metrics);
    await expect(sink.deliver([item(['prices-markets'])])).rejects.toThrow('store down');
    expect(await metricText(metrics)).not.toContain('radar_matches_total{');
  });
});
