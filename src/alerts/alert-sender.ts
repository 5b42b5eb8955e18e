import type { Alert } from './alert';

/**
 * What Discord said to one post. `permanent`: the channel is closed to us (deleted, permission removed:
 * 403/404), so its subscription is broken. `rejected`: Discord refused this one message (400), so it is
 * dropped and logged. `transient`: it might work later (5xx, timeout, connection refused).
 */
export type SendResult =
  | { kind: 'sent'; messageId: string }
  | { kind: 'permanent'; reason: string }
  | { kind: 'rejected'; reason: string }
  | { kind: 'transient'; reason: string };

/** Posts one alert. Implemented over Discord's REST API in discord/; never throws. */
export interface AlertSender {
  send(alert: Alert): Promise<SendResult>;
  /**
   * Posts the first few of these alerts (same channel, in order) as ONE message with several embeds,
   * as many as Discord's limits allow; `count` says how many it took. Used when a channel's queue is long.
   */
  sendMany?(alerts: readonly Alert[]): Promise<{ result: SendResult; count: number }>;
}
