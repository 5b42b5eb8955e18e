import { performance } from 'node:perf_hooks';
import type { AlertSender } from '../delivery/alert-sender';
import type { RadarMetrics } from './metrics';

/** The same sender, timing each post and counting it as sent or failed; `clock` is in milliseconds. */
export function measureSends(sender: AlertSender, metrics: Pick<RadarMetrics, 'recordSend'>, clock: () => number = () => performance.now()): AlertSender {
  return {
    async send(alert, options) {
      const started = clock();
      const result = await sender.send(alert, options);
      metrics.recordSend(result, (clock() - started) / 1000);
      return result;
    },
    ...(sender.sendMany
      ? {
          sendMany: async (...args: Parameters<NonNullable<AlertSender['sendMany']>>) => {
            const started = clock();
            const outcome = await sender.sendMany!(...args);
            // Counted per alert, so radar_alerts_sent_total means alerts, however they were packed.
            const seconds = (clock() - started) / 1000;
            for (let i = 0; i < (outcome.result.kind === 'sent' ? outcome.count : 1); i++) metrics.recordSend(outcome.result, seconds);
            return outcome;
          },
        }
      : {}),
    ...(sender.packSize ? { packSize: sender.packSize.bind(sender) } : {}),
    ...(sender.findPosted ? { findPosted: sender.findPosted.bind(sender) } : {}),
    ...(sender.editAlsoReported ? { editAlsoReported: sender.editAlsoReported.bind(sender) } : {}),
  };
}
