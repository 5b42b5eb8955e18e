import { DiscordAPIError, HTTPError } from 'discord.js';
import type { SendResult } from '../delivery/alert-sender';

/** Discord error codes that mean the channel is gone or closed to us: retrying cannot help. */
const CHANNEL_GONE_CODES = new Set([10003 /* Unknown Channel */, 50001 /* Missing Access */, 50013 /* Missing Permissions */]);
/**
 * Statuses that say nothing about the message: Discord is struggling (5xx), pacing us (429), timed out (408),
 * or our token is being rotated (401). The alert waits in the outbox rather than being dropped.
 */
const TRANSIENT_STATUSES = new Set([401, 408, 429]);

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
