import type { Alert } from '../../../src/delivery/alert';
import type { AlertSender, SendResult } from '../../../src/delivery/alert-sender';
import { alertNonce } from '../../../src/discord/alert-sender';
import type { CrashSwitch } from './crash-store';

export interface PostedMessage {
  channelId: string;
  title: string;
  nonce: string;
}

export interface SenderOptions {
  /** The process dies right after Discord took its n-th message (before the answer arrives). */
  crashAfterSend?: number;
  /** Sends wait for this: Discord slow to answer after a restart, so polls run while alerts are pending. */
  gate?: Promise<void>;
}

/**
 * Discord as the outbox sees it: one channel log that outlives the bot's process lives, and the same
 * nonce rule as Discord's `enforce_nonce` (a repeated nonce returns the first message).
 */
export function createFakeDiscord(): { posted: PostedMessage[]; senderFor(life: CrashSwitch, options?: SenderOptions): AlertSender } {
  const posted: PostedMessage[] = [];
  return {
    posted,
    senderFor(life, options = {}) {
      let sends = 0;
      return {
        async send(alert: Alert, sendOptions = {}): Promise<SendResult> {
          await options.gate;
          // A dead process sends nothing.
          if (life.dead) return { kind: 'transient', reason: 'process is gone' };
          const nonce = sendOptions.nonce ?? alertNonce(alert.id);
          const earlier = posted.findIndex((m) => m.channelId === alert.channelId && m.nonce === nonce);
          if (earlier < 0) posted.push({ channelId: alert.channelId, title: alert.item.title, nonce });
          sends += 1;
          // Discord took the message, but the process dies before it reads the answer.
          if (sends === options.crashAfterSend) {
            life.kill();
            return { kind: 'transient', reason: 'process died mid-send' };
          }
          return { kind: 'sent', messageId: String(earlier < 0 ? posted.length : earlier + 1) };
        },
      };
    },
  };
}
