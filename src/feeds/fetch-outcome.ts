import type { Dispatcher } from 'undici';

/** HTTP cache validators exactly as the server sent them; persisted per feed and sent back verbatim. */
export interface HttpValidators {
  etag?: string;
  lastModified?: string;
}

/** One feed fetch. `userAgent` is the feed's own override; when set, no other User-Agent is tried. */
export interface FetchRequest {
  url: string;
  validators?: HttpValidators;
  userAgent?: string;
  /** Caller cancellation (shutdown); combined with the timeout. */
  signal?: AbortSignal;
}

export interface FetchOptions {
  /** Budget for the whole fetch: redirects, retries and reading the body. */
  timeoutMs: number;
  /** Cap on the decoded (decompressed) body. */
  maxBodyBytes: number;
  maxRedirects: number;
  /** Default User-Agent; DEFAULT_USER_AGENT when absent. */
  userAgent?: string;
  /** Clock for Retry-After dates; Date.now when absent. */
  now?: () => number;
  /**
   * Asked before every request, the first and each redirect: a reason to refuse the URL, or undefined.
   * A server-added feed must not be able to redirect the bot to its own machine or network.
   */
  checkUrl?: (url: string) => Promise<string | undefined>;
  /** Connection pool to use; a guarded one refuses forbidden addresses at connect time. undici's default when absent. */
  dispatcher?: Dispatcher;
}

export type FetchFailureKind = 'network' | 'timeout' | 'http' | 'blocked' | 'not-a-feed' | 'too-large' | 'redirects';

export interface FetchFailure {
  kind: 'failed';
  failure: FetchFailureKind;
  /** One line, safe to log and to show an operator, e.g. "HTTP 503 Service Unavailable". */
  reason: string;
  status?: number;
  /** From Retry-After (seconds or HTTP date) on 429/503. */
  retryAfterMs?: number;
}

export interface FetchedFeed {
  kind: 'fetched';
  /** Decoded text, BOM stripped, ready for parseFeed. */
  text: string;
  /** Validators of this response ({} when the server sent none). */
  validators: HttpValidators;
  /** URL after redirects. */
  finalUrl: string;
  status: number;
  /** Encoding label the body was decoded with, e.g. "utf-8", "gbk", "shift_jis". */
  charset: string;
}

export type FetchOutcome = FetchedFeed | { kind: 'not-modified' } | FetchFailure;

export function fetchFailure(failure: FetchFailureKind, reason: string, status?: number): FetchFailure {
  return status === undefined ? { kind: 'failed', failure, reason } : { kind: 'failed', failure, reason, status };
}
