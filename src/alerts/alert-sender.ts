import type { Alert } from './alert';

/**
 * What Discord said to one post. `permanent` means retrying cannot help (channel deleted, permission
 * removed: 403/404); `transient` means it might (5xx, timeout, connection refused).
 */
export type SendResult = { kind: 'sent'; messageId: string } | { kind: 'permanent'; reason: string } | { kind: 'transient'; reason: string };

/** Posts one alert. Implemented over Discord's REST API in discord/; never throws. */
export interface AlertSender {
  send(alert: Alert): Promise<SendResult>;
}
