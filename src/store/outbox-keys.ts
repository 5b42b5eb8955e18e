import type { Alert } from '../delivery/alert';

/** The outbox's keys and index names. */
export const outboxKeys = {
  entry: (id: string) => `outbox:alert:${id}`,
  /** A number (done, with the story's TTL) or `{ pending: alertId }` while an alert of the story waits. */
  story: (channelId: string, key: string) => `channel-story:${channelId}:${key}`,
  channelIndex: (channelId: string) => `outbox:channel:${channelId}`,
  channels: 'outbox:channels',
  attempt: (channelId: string) => `outbox:attempt:${channelId}`,
  sent: (alertId: string) => `sent-message:${alertId}`,
  /** Why a sent alert was sent, by alertWhyKey (what its button carries). */
  why: (whyKey: string) => `alert-why:${whyKey}`,
};

/** Orders a channel's alerts by publication time; the position in one enqueue breaks ties, as it did before. */
export function indexScore(alert: Alert, position: number): number {
  const ms = Date.parse(alert.item.published ?? alert.item.firstSeen);
  return (Number.isFinite(ms) ? ms : 0) * 1024 + Math.min(position, 1023);
}
