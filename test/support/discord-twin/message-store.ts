import type { TwinMessage } from './types';

/** Discord checks enforce_nonce uniqueness over "the past few minutes". */
export const NONCE_WINDOW_MS = 5 * 60_000;
/** A hang guard, not a speed check: the bot may be starved for many seconds on a busy machine. */
export const DEFAULT_WAIT_FOR_MESSAGES_MS = 60_000;

export interface MessageStore {
  list(channelId: string): TwinMessage[];
  add(message: TwinMessage): void;
  find(channelId: string, messageId: string): TwinMessage | undefined;
  remove(channelId: string, messageId: string): boolean;
  /** The message created earlier in this channel with the same nonce, if still inside the window. */
  findByNonce(channelId: string, nonce: string | number): TwinMessage | undefined;
  waitFor(channelId: string, count: number, timeoutMs?: number): Promise<TwinMessage[]>;
  close(): void;
}

interface Waiter {
  channelId: string;
  count: number;
  resolve: (messages: TwinMessage[]) => void;
  timer: NodeJS.Timeout;
}

export function createMessageStore(now: () => number, nonceWindowMs = NONCE_WINDOW_MS): MessageStore {
  const byChannel = new Map<string, TwinMessage[]>();
  const nonces = new Map<string, { message: TwinMessage; at: number }>();
  const waiters = new Set<Waiter>();
  const list = (channelId: string): TwinMessage[] => [...(byChannel.get(channelId) ?? [])];

  const notify = (channelId: string): void => {
    for (const waiter of waiters) {
      if (waiter.channelId !== channelId || list(channelId).length < waiter.count) continue;
      clearTimeout(waiter.timer);
      waiters.delete(waiter);
      waiter.resolve(list(channelId));
    }
  };

  return {
    list,
    add(message) {
      const messages = byChannel.get(message.channel_id) ?? [];
      messages.push(message);
      byChannel.set(message.channel_id, messages);
      if (message.nonce !== undefined) {
        nonces.set(`${message.channel_id}:${message.nonce}`, { message, at: now() });
      }
      notify(message.channel_id);
    },
    find: (channelId, messageId) => byChannel.get(channelId)?.find((message) => message.id === messageId),
    remove(channelId, messageId) {
      const messages = byChannel.get(channelId) ?? [];
      const index = messages.findIndex((message) => message.id === messageId);
      if (index >= 0) messages.splice(index, 1);
      return index >= 0;
    },
    findByNonce(channelId, nonce) {
      const entry = nonces.get(`${channelId}:${nonce}`);
      return entry && now() - entry.at < nonceWindowMs ? entry.message : undefined;
    },
    waitFor(channelId, count, requestedMs = DEFAULT_WAIT_FOR_MESSAGES_MS) {
      const timeoutMs = Math.max(requestedMs, DEFAULT_WAIT_FOR_MESSAGES_MS);
      const current = list(channelId);
      if (current.length >= count) return Promise.resolve(current);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const got = list(channelId).length;
          reject(new Error(`Discord twin: expected ${count} messages in channel ${channelId} within ${timeoutMs} ms, got ${got}`));
        }, timeoutMs);
        const waiter: Waiter = { channelId, count, resolve, timer };
        waiters.add(waiter);
      });
    },
    close() {
      for (const waiter of waiters) clearTimeout(waiter.timer);
      waiters.clear();
    },
  };
}
