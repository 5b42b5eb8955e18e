import { performance } from 'node:perf_hooks';
import type { AlertSender } from '../alerts/alert-sender';
import type { RadarMetrics } from './metrics';

/** The same sender, timing each post and counting it as sent or failed; `clock` is in milliseconds. */
export function measureSends(sender: AlertSender, metrics: Pick<RadarMetrics, 'recordSend'>, clock: () => number = () => performance.now()): AlertSender {
  return {
    async send(alert) {
      const started = clock();
      const result = await sender.send(alert);
      metrics.recordSend(result, (clock() - started) / 1000);
      return result;
    },
  };
}
