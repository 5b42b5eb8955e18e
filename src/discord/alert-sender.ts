import { Routes, type REST } from 'discord.js';
import { gateRest } from './gated-rest';
import type { Alert } from '../delivery/alert';
import type { AlertSender, SendResult } from '../delivery/alert-sender';
import { messageNonce } from '../delivery/message-nonce';
import { classifySendError } from './classify-send-error';
import { editAlsoReported } from './edit-also-reported';
import { findPostedMessage, type HistoryOptions } from './find-posted-message';
import { formatAlertMessage, packAlerts } from './format-alert';
import { findForumPost, postForumAlert } from './post-forum-alert';
import type { SendRateGate } from './send-rate-gate';
import { errorMessage } from '../shared/errors';

/**
 * Posts alerts over REST. discord.js's queue paces requests by Discord's rate-limit headers, so sends are
 * simply awaited. Each post carries the nonce it is given (the pipeline records it with the attempt) with
 * `enforce_nonce`, so a send retried after a lost response is not posted twice (Discord returns the first
 * message instead). `signal` abandons the sends in flight at shutdown: they come back as transient and
 * stay in the outbox. `history` lets the sender look for a message whose answer was lost (findPosted).
 * `gate` keeps every request of delivery (posts, edits, the reads before them) under Discord's global
 * limit (send-rate-gate.ts).
 */
export function createAlertSender(client: REST, options: { signal?: AbortSignal; history?: HistoryOptions; gate?: SendRateGate } = {}): AlertSender {
  const rest = gateRest(client, options.gate);
  return {
    async send(alert: Alert, sendOptions = {}): Promise<SendResult> {
      if (alert.forum) return postForumAlert(rest, alert, { signal: options.signal });
      let body: ReturnType<typeof formatAlertMessage> & { nonce: string; enforce_nonce: boolean };
      try {
        body = { ...formatAlertMessage(alert), nonce: sendOptions.nonce ?? alertNonce(alert.id), enforce_nonce: true };
      } catch (error: unknown) {
        // Our own formatting failed on this item: retrying would fail the same way and block the channel.
        return { kind: 'rejected', reason: `could not format the alert: ${errorMessage(error)}` };
      }
      return post(alert.channelId, body);
    },
    async sendMany(alerts, sendOptions = {}) {
      let packed: ReturnType<typeof packAlerts>[number] | undefined;
      try {
        packed = packAlerts(alerts)[0];
      } catch (error: unknown) {
        return { result: { kind: 'rejected', reason: `could not format the alerts: ${errorMessage(error)}` }, count: 1 };
      }
      if (!packed || alerts.length === 0) return { result: { kind: 'rejected', reason: 'nothing to send' }, count: 1 };
      const nonce = sendOptions.nonce ?? messageNonce(packed.alerts.map((a) => a.id));
      const result = await post(packed.alerts[0]!.channelId, { ...packed.body, nonce, enforce_nonce: true });
      return { result, count: packed.alerts.length };
    },
    packSize(alerts) {
      if (alerts[0]?.forum) return 1; // a forum gets one post per story
      try {
        return packAlerts(alerts)[0]?.alerts.length ?? 1;
      } catch {
        return 1; // one of them cannot be formatted: sent alone, it is refused alone
      }
    },
    findPosted: (alerts, since) =>
      alerts.length === 1 && alerts[0]!.forum
        ? findForumPost(rest, alerts[0]!, since, { botUserId: options.history?.botUserId, signal: options.signal })
        : findPostedMessage(rest, alerts, since, { ...options.history, signal: options.signal }),
    editAlsoReported: (target, outlets) => editAlsoReported(rest, target, outlets, options.signal),
  };

  async function post(channelId: string, body: object): Promise<SendResult> {
    try {
      const message = (await rest.post(Routes.channelMessages(channelId), { body, signal: options.signal })) as { id: string };
      return { kind: 'sent', messageId: message.id };
    } catch (error: unknown) {
      return classifySendError(error);
    }
  }
}

/** The nonce of a message carrying one alert. */
export function alertNonce(alertId: string): string {
  return messageNonce([alertId]);
}

export { classifySendError };
