import { createHash } from 'node:crypto';
import { DiscordAPIError, HTTPError, Routes, type REST } from 'discord.js';
import type { Alert } from '../alerts/alert';
import type { AlertSender, SendResult } from '../alerts/alert-sender';
import { formatAlertMessage, packAlerts } from './format-alert';
import { errorMessage } from '../shared/errors';

/** Discord error codes that mean the channel is gone or closed to us: retrying cannot help. */
const CHANNEL_GONE_CODES = new Set([10003 /* Unknown Channel */, 50001 /* Missing Access */, 50013 /* Missing Permissions */]);
/**
 * Statuses that say nothing about the message: Discord is struggling (5xx), pacing us (429), timed out (408),
 * or our token is being rotated (401). The alert waits in the outbox rather than being dropped.
 */
const TRANSIENT_STATUSES = new Set([401, 408, 429]);

/**
 * Posts alerts over REST. discord.js's queue paces requests by Discord's rate-limit headers, so sends are
 * simply awaited. Each post carries a nonce derived from the alert id with `enforce_nonce`, so a send
 * retried after a lost response is not posted twice (Discord returns the first message instead).
 * `signal` abandons the sends in flight at shutdown: they come back as transient and stay in the outbox.
 */
export function createAlertSender(rest: REST, options: { signal?: AbortSignal } = {}): AlertSender {
  return {
    async send(alert: Alert): Promise<SendResult> {
      let body: ReturnType<typeof formatAlertMessage> & { nonce: string; enforce_nonce: boolean };
      try {
        body = { ...formatAlertMessage(alert), nonce: alertNonce(alert.id), enforce_nonce: true };
      } catch (error: unknown) {
        // Our own formatting failed on this item: retrying would fail the same way and block the channel.
        return { kind: 'rejected', reason: `could not format the alert: ${errorMessage(error)}` };
      }
      return post(alert.channelId, body);
    },
    async sendMany(alerts) {
      let packed: ReturnType<typeof packAlerts>[number] | undefined;
      try {
        packed = packAlerts(alerts)[0];
      } catch (error: unknown) {
        return { result: { kind: 'rejected', reason: `could not format the alerts: ${errorMessage(error)}` }, count: 1 };
      }
      if (!packed || alerts.length === 0) return { result: { kind: 'rejected', reason: 'nothing to send' }, count: 1 };
      // The same queue packs the same way after a restart, so a resend carries the same nonce.
      const nonce = alertNonce(packed.alerts.map((a) => a.id).join('|'));
      const result = await post(packed.alerts[0]!.channelId, { ...packed.body, nonce, enforce_nonce: true });
      return { result, count: packed.alerts.length };
    },
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

/** Discord accepts nonces of up to 25 characters. */
export function alertNonce(alertId: string): string {
  return createHash('sha256').update(alertId).digest('base64url').slice(0, 25);
}

/**
 * Anything that is not an answer from Discord — HTTPError after discord.js's own 5xx retries, an aborted
 * request (timeout), undici's SocketError for a dropped connection, ECONNREFUSED — is transient.
 */
export function classifySendError(error: unknown): SendResult {
  if (error instanceof DiscordAPIError) {
    const reason = `Discord ${error.status}: ${error.message}`;
    if (error.status === 404 || error.status === 403 || CHANNEL_GONE_CODES.has(Number(error.code))) return { kind: 'permanent', reason };
    if (error.status >= 500 || TRANSIENT_STATUSES.has(error.status)) return { kind: 'transient', reason };
    return { kind: 'rejected', reason };
  }
  if (error instanceof HTTPError) return { kind: 'transient', reason: `Discord ${error.status}: ${error.message}` };
  return { kind: 'transient', reason: describeNetworkError(error) };
}

/** One line naming the network failure, e.g. "UND_ERR_SOCKET: other side closed". */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
}
