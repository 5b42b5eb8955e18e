import { createHash } from 'node:crypto';
import { DiscordAPIError, HTTPError, Routes, type REST } from 'discord.js';
import type { Alert } from '../alerts/alert';
import type { AlertSender, SendResult } from '../alerts/alert-sender';
import { formatAlertMessage } from './format-alert';

/** Discord error codes that mean the channel is gone or closed to us: retrying cannot help. */
const CHANNEL_GONE_CODES = new Set([10003 /* Unknown Channel */, 50001 /* Missing Access */, 50013 /* Missing Permissions */]);

/**
 * Posts alerts over REST. discord.js's queue paces requests by Discord's rate-limit headers, so sends are
 * simply awaited. Each post carries a nonce derived from the alert id with `enforce_nonce`, so a send
 * retried after a lost response is not posted twice (Discord returns the first message instead).
 */
export function createAlertSender(rest: REST): AlertSender {
  return {
    async send(alert: Alert): Promise<SendResult> {
      try {
        const body = { ...formatAlertMessage(alert), nonce: alertNonce(alert.id), enforce_nonce: true };
        const message = (await rest.post(Routes.channelMessages(alert.channelId), { body })) as { id: string };
        return { kind: 'sent', messageId: message.id };
      } catch (error: unknown) {
        return classifySendError(error);
      }
    },
  };
}

/** Discord accepts nonces of up to 25 characters. */
export function alertNonce(alertId: string): string {
  return createHash('sha256').update(alertId).digest('base64url').slice(0, 25);
}

export function classifySendError(error: unknown): SendResult {
  if (error instanceof DiscordAPIError) {
    const reason = `Discord ${error.status}: ${error.message}`;
    if (error.status === 404 || error.status === 403 || CHANNEL_GONE_CODES.has(Number(error.code))) return { kind: 'permanent', reason };
    if (error.status >= 500 || error.status === 429) return { kind: 'transient', reason };
    return { kind: 'rejected', reason };
  }
  if (error instanceof HTTPError) return { kind: 'transient', reason: `Discord ${error.status}: ${error.message}` };
  return { kind: 'transient', reason: error instanceof Error ? error.message : String(error) };
}
