import { createHash } from 'node:crypto';

/**
 * The nonce of the message carrying these alerts, in this order (Discord accepts up to 25 characters).
 * One alert's is a hash of its id, as it always was, so a message first tried by an earlier version
 * keeps its nonce.
 */
export function messageNonce(alertIds: readonly string[]): string {
  return createHash('sha256').update(alertIds.join('|')).digest('base64url').slice(0, 25);
}
