import { STATUS_CODES } from 'node:http';
import { decodeFeedBytes } from './decode-feed-bytes';
import { describeFetchError } from './describe-fetch-error';
import { headerValue, type FeedResponse } from './feed-response';
import {
  fetchFailure,
  type FetchFailure,
  type FetchOptions,
  type FetchOutcome,
  type FetchRequest,
  type HttpValidators,
} from './fetch-outcome';
import { startFetchDeadline, type FetchDeadline } from './fetch-deadline';
import { requestFollowingRedirects } from './follow-redirects';
import { readFeedBody } from './read-feed-body';
import { parseRetryAfter } from './retry-after';
import { describeNonFeed } from './sniff-feed-text';
import { DEFAULT_USER_AGENT, otherUserAgentStyle } from './user-agents';

export type { FetchFailureKind, FetchOptions, FetchOutcome, FetchRequest, HttpValidators } from './fetch-outcome';

const ACCEPT = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5';
/** Statuses a WAF or CDN uses to turn away a User-Agent it dislikes (feed-quirks §15). */
const USER_AGENT_REFUSALS = new Set([401, 403, 406, 429]);
const BLOCKED_STATUSES = new Set([401, 403, 406, 451]);
const RETRY_AFTER_STATUSES = new Set([429, 503]);

interface Attempt {
  userAgent: string;
  validators: HttpValidators | undefined;
  /** Set for the retry after an unsolicited 304, to get past a confused cache. */
  bypassCache: boolean;
}

/**
 * Fetches one feed over HTTP and returns its decoded text, or why not. Never throws: DNS failures,
 * timeouts, HTTP errors, oversize bodies, redirect loops and HTML pages all become `failed` outcomes.
 * Conditional GET uses the validators exactly as previously received; a 304 counts as "not modified"
 * only when we actually sent one.
 */
export async function fetchFeed(request: FetchRequest, options: FetchOptions): Promise<FetchOutcome> {
  const deadline = startFetchDeadline(options.timeoutMs, request.signal);
  try {
    return await fetchWithRetries(request, options, deadline);
  } catch (error: unknown) {
    return describeFetchError(error, {
      url: request.url,
      timeoutMs: options.timeoutMs,
      timedOut: deadline.timedOut(),
      cancelled: request.signal?.aborted ?? false,
    });
  } finally {
    deadline.finish();
  }
}

async function fetchWithRetries(request: FetchRequest, options: FetchOptions, deadline: FetchDeadline): Promise<FetchOutcome> {
  const attempt: Attempt = {
    userAgent: request.userAgent ?? options.userAgent ?? DEFAULT_USER_AGENT,
    validators: request.validators,
    bypassCache: false,
  };
  let triedOtherUserAgent = request.userAgent !== undefined;
  for (;;) {
    const headers = buildHeaders(attempt);
    const init = { headers, signal: deadline.signal, dispatcher: options.dispatcher, discard: deadline.discard };
    const result = await requestFollowingRedirects(request.url, init, options.maxRedirects, options.checkUrl);
    if (result.kind === 'failed') return result;
    const { response, url } = result;
    if (response.status === 304) {
      deadline.discard(response);
      if (hasValidators(attempt.validators)) return { kind: 'not-modified' };
      if (attempt.bypassCache) return fetchFailure('http', 'HTTP 304 Not Modified without a conditional request', 304);
      Object.assign(attempt, { validators: undefined, bypassCache: true });
      continue;
    }
    if (USER_AGENT_REFUSALS.has(response.status) && !triedOtherUserAgent) {
      deadline.discard(response);
      triedOtherUserAgent = true;
      attempt.userAgent = otherUserAgentStyle(attempt.userAgent);
      continue;
    }
    if (response.status < 200 || response.status > 299) {
      deadline.discard(response);
      return describeHttpError(response, options);
    }
    return readFeed(response, url, options);
  }
}

function buildHeaders(attempt: Attempt): Record<string, string> {
  const headers: Record<string, string> = {
    Accept: ACCEPT,
    'Accept-Encoding': 'gzip, deflate, br',
    // What undici's fetch sent, kept so that servers (and WAFs scoring bot-likeness) see the same request.
    'Accept-Language': '*',
    'User-Agent': attempt.userAgent,
  };
  if (attempt.validators?.etag) headers['If-None-Match'] = attempt.validators.etag;
  if (attempt.validators?.lastModified) headers['If-Modified-Since'] = attempt.validators.lastModified;
  if (attempt.bypassCache) headers['Cache-Control'] = 'no-cache';
  return headers;
}

function hasValidators(validators: HttpValidators | undefined): boolean {
  return Boolean(validators?.etag || validators?.lastModified);
}

function describeHttpError(response: FeedResponse, options: FetchOptions): FetchFailure {
  const status = response.status;
  // undici.request does not pass on the server's reason phrase: the standard one is used.
  const text = STATUS_CODES[status] ?? 'Unknown Status';
  const failure = fetchFailure(BLOCKED_STATUSES.has(status) ? 'blocked' : 'http', `HTTP ${status} ${text}`, status);
  if (!RETRY_AFTER_STATUSES.has(status)) return failure;
  const retryAfterMs = parseRetryAfter(headerValue(response.headers, 'retry-after'), (options.now ?? Date.now)());
  return retryAfterMs === undefined ? failure : { ...failure, retryAfterMs };
}

async function readFeed(response: FeedResponse, finalUrl: string, options: FetchOptions): Promise<FetchOutcome> {
  const body = await readFeedBody(response, options.maxBodyBytes);
  if (body.kind === 'too-large') {
    return fetchFailure('too-large', `body larger than ${options.maxBodyBytes} bytes`, response.status);
  }
  if (body.kind === 'corrupt') return fetchFailure('network', body.reason, response.status);
  const contentType = headerValue(response.headers, 'content-type');
  const { text, charset } = decodeFeedBytes(body.bytes, contentType);
  const notAFeed = describeNonFeed(text, contentType);
  if (notAFeed !== undefined) {
    // Bytes we could not decode are not a feed because of that: say so rather than quote them.
    const reason = body.unsupportedCoding === undefined ? notAFeed : `unsupported Content-Encoding "${body.unsupportedCoding}"`;
    return fetchFailure('not-a-feed', reason, response.status);
  }
  return { kind: 'fetched', text, validators: validatorsOf(response), finalUrl, status: response.status, charset };
}

function validatorsOf(response: FeedResponse): HttpValidators {
  const validators: HttpValidators = {};
  const etag = headerValue(response.headers, 'etag');
  const lastModified = headerValue(response.headers, 'last-modified');
  if (etag) validators.etag = etag;
  if (lastModified) validators.lastModified = lastModified;
  return validators;
}
