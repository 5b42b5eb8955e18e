import type { RestLogEntry } from '../../test/support/discord-twin';

const MESSAGE_POST = /^\/channels\/(\d+)\/messages$/;

export interface SendLog {
  /** Accepted message posts. */
  sent: number;
  /** Accepted message posts per channel. */
  perChannel: number[];
  firstAt: number;
  lastAt: number;
  /** 429s on message posts whose channel window still had room: the global limit's. */
  global429s: number;
  route429s: number;
  /** 401, 403 and 429 answers: what Discord's invalid-request ban counts. */
  invalidRequests: number;
}

/**
 * Reads the twin's request log from `since` on. The log does not say which limit a 429 came from, so
 * the channel windows are replayed from it: a 429 while the channel's window still had room was global.
 */
export function readSendLog(log: readonly RestLogEntry[], since: number, channelLimit = { limit: 5, windowMs: 5_000 }): SendLog {
  const entries = log.filter((e) => e.at >= since);
  const posts = entries.filter((e) => e.method === 'POST' && MESSAGE_POST.test(e.path));
  const accepted = posts.filter((e) => e.status >= 200 && e.status < 300);
  const windows = new Map<string, { resetAt: number; used: number }>();
  let global429s = 0;
  let route429s = 0;
  for (const post of posts) {
    const channel = MESSAGE_POST.exec(post.path)?.[1] ?? '';
    let window = windows.get(channel);
    if (!window || post.at >= window.resetAt) window = { resetAt: post.at + channelLimit.windowMs, used: 0 };
    windows.set(channel, window);
    if (post.status === 429) {
      if (window.used < channelLimit.limit) global429s++;
      else route429s++;
    } else window.used++;
  }
  const perChannel = new Map<string, number>();
  for (const post of accepted) perChannel.set(post.path, (perChannel.get(post.path) ?? 0) + 1);
  return {
    sent: accepted.length,
    perChannel: [...perChannel.values()],
    firstAt: accepted[0]?.at ?? Number.NaN,
    lastAt: accepted[accepted.length - 1]?.at ?? Number.NaN,
    global429s: global429s + entries.filter((e) => e.status === 429 && !MESSAGE_POST.test(e.path)).length,
    route429s,
    invalidRequests: entries.filter((e) => e.status === 401 || e.status === 403 || e.status === 429).length,
  };
}
