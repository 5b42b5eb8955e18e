import { createHash } from 'node:crypto';

/** Discord's observed message-create bucket (5 per 5 s per channel) and its documented global 50 req/s. */
export const DEFAULT_MESSAGE_LIMIT = { limit: 5, windowMs: 5_000 } as const;
export const DEFAULT_GLOBAL_PER_SECOND = 50;

export interface RateLimitOutcome {
  allowed: boolean;
  headers: Record<string, string>;
  /** Present on 429: Discord's JSON body. */
  body?: { message: string; retry_after: number; global: boolean };
}

export interface RateLimiter {
  /** Counts one request against the bot's global budget. */
  takeGlobal(): RateLimitOutcome;
  /** Counts one request against a route bucket, e.g. ("POST /channels/:id/messages", channelId). */
  takeBucket(route: string, majorId: string, limit: { limit: number; windowMs: number }): RateLimitOutcome;
}

interface Window {
  resetAt: number;
  remaining: number;
}

export interface RateLimiterOptions {
  now: () => number;
  globalPerSecond?: number;
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { now } = options;
  const globalLimit = options.globalPerSecond ?? DEFAULT_GLOBAL_PER_SECOND;
  const windows = new Map<string, Window>();
  let global: Window = { resetAt: 0, remaining: globalLimit };

  // Fixed windows opened by the first request, like Discord's buckets that reset a fixed time after use.
  const take = (window: Window | undefined, limit: number, windowMs: number): Window => {
    const current = now();
    if (!window || current >= window.resetAt) return { resetAt: current + windowMs, remaining: limit - 1 };
    return window.remaining > 0 ? { ...window, remaining: window.remaining - 1 } : { ...window, remaining: -1 };
  };

  return {
    takeGlobal() {
      const next = take(global, globalLimit, 1_000);
      if (next.remaining < 0) return limited(global.resetAt - now(), true, {});
      global = next;
      return { allowed: true, headers: {} };
    },
    takeBucket(route, majorId, { limit, windowMs }) {
      const key = `${route}:${majorId}`;
      const existing = windows.get(key);
      const next = take(existing, limit, windowMs);
      const window = next.remaining < 0 && existing ? existing : next;
      windows.set(key, window);
      const headers = bucketHeaders(route, limit, Math.max(window.remaining, 0), window.resetAt, now());
      if (next.remaining < 0) return limited(window.resetAt - now(), false, headers);
      return { allowed: true, headers };
    },
  };
}

function bucketHeaders(route: string, limit: number, remaining: number, resetAt: number, current: number): Record<string, string> {
  // Rounded up so a client that waits exactly Reset-After never arrives before the window reopens.
  const resetAfter = Math.ceil(resetAt - current) / 1000;
  return {
    'X-RateLimit-Limit': String(limit),
    'X-RateLimit-Remaining': String(remaining),
    'X-RateLimit-Reset': (Math.ceil(resetAt) / 1000).toFixed(3),
    'X-RateLimit-Reset-After': resetAfter.toFixed(3),
    'X-RateLimit-Bucket': createHash('sha1').update(route).digest('hex').slice(0, 32),
  };
}

function limited(retryAfterMs: number, global: boolean, headers: Record<string, string>): RateLimitOutcome {
  const retryAfter = Math.max(retryAfterMs, 1) / 1000;
  return {
    allowed: false,
    headers: {
      ...headers,
      'Retry-After': String(Math.ceil(retryAfter)),
      'X-RateLimit-Scope': global ? 'global' : 'user',
      ...(global ? { 'X-RateLimit-Global': 'true' } : {}),
    },
    body: { message: 'You are being rate limited.', retry_after: Number(retryAfter.toFixed(3)), global },
  };
}
