import type { AlertSink } from '../poll/matched-item';
import type { RadarMetrics } from './metrics';

/** The same sink, counting matches per topic of every batch it accepts (a batch it refuses is polled again). */
export function countMatches(sink: AlertSink, metrics: Pick<RadarMetrics, 'recordMatches'>): AlertSink {
  return {
    async deliver(items) {
      await sink.deliver(items);
      metrics.recordMatches(items);
    },
  };
}
