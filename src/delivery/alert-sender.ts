import type { StoryOutlet } from '../stories/story-ledger';
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

/** How a message is posted. */
export interface SendOptions {
  /**
   * Sent with `enforce_nonce`: Discord answers a repeated nonce in the same channel, for a few minutes,
   * with the message it already has instead of posting again. Default: derived from the alert ids.
   */
  nonce?: string;
}

/**
 * Whether a message carrying these alerts is already in their channel. `unreadable`: the bot may not read
 * the channel's history (no Read Message History), so it cannot tell; `transient`: Discord did not answer.
 */
export type PostedCheck =
  | { kind: 'found'; messageId: string }
  | { kind: 'absent' }
  | { kind: 'unreadable'; reason: string }
  | { kind: 'transient'; reason: string };

/** Posts one alert. Implemented over Discord's REST API in discord/; never throws. */
export interface AlertSender {
  send(alert: Alert, options?: SendOptions): Promise<SendResult>;
  /**
   * Posts the first few of these alerts (same channel, in order) as ONE message with several embeds,
   * as many as Discord's limits allow (`packSize`); `count` says how many it took. Used when a channel's
   * queue is long.
   */
  sendMany?(alerts: readonly Alert[], options?: SendOptions): Promise<{ result: SendResult; count: number }>;
  /** How many of these alerts, from the first, `sendMany` puts in one message. */
  packSize?(alerts: readonly Alert[]): number;
  /**
   * Looks through the channel's messages since `since` for one carrying exactly these alerts: a message
   * posted whose answer never arrived, once Discord's nonce no longer protects a resend.
   */
  findPosted?(alerts: readonly Alert[], since: Date): Promise<PostedCheck>;
  /**
   * Sets the "Also reported by" line of the posted message's embed that carries `storyLinks` (the first
   * embed if none does) to these outlets: the whole list each time, so repeating an edit changes nothing.
   * `permanent`: the message or the channel is gone (404/403); `rejected`: Discord refused the edit.
   */
  editAlsoReported?(target: { channelId: string; messageId: string; storyLinks: readonly string[] }, outlets: readonly StoryOutlet[]): Promise<SendResult>;
}
