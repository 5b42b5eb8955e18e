import { errorMessage } from '../shared/errors';
import { fetchFailure, type FetchFailure } from './fetch-outcome';
import { FORBIDDEN_ADDRESS_CODE } from './guarded-dispatcher';

export interface FetchErrorContext {
  url: string;
  timeoutMs: number;
  /** Our own timeout fired. */
  timedOut: boolean;
  /** The caller's signal fired. */
  cancelled: boolean;
}

interface ErrorDetails {
  code?: string;
  hostname?: string;
  address?: string;
  port?: number;
  message: string;
}

const MAX_REASON_CHARS = 200;

/** Turns anything thrown while fetching into a failed outcome with a one-line reason. */
export function describeFetchError(error: unknown, context: FetchErrorContext): FetchFailure {
  if (context.timedOut) return fetchFailure('timeout', `timed out after ${context.timeoutMs} ms`);
  if (context.cancelled) return fetchFailure('network', 'cancelled by the caller');
  const details = detailsOf(error);
  switch (details.code) {
    case FORBIDDEN_ADDRESS_CODE:
      return fetchFailure('blocked', `connection refused: ${oneLine(details.message)}`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return fetchFailure('network', `DNS lookup failed for ${details.hostname ?? hostnameOf(context.url)}`);
    case 'ECONNREFUSED':
      return fetchFailure('network', `connection refused by ${details.address ?? hostnameOf(context.url)}:${details.port ?? '?'}`);
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return fetchFailure('network', 'connection closed by the server before the response finished');
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return fetchFailure('timeout', oneLine(`timed out: ${details.message}`));
    default:
      return fetchFailure('network', oneLine(describeOther(error, details)));
  }
}

/** Collapses a message to one bounded line for logs. */
export function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_REASON_CHARS ? `${line.slice(0, MAX_REASON_CHARS - 1)}…` : line;
}

/**
 * `undici.request` throws the system or undici error itself; a wrapper such as fetch's `TypeError: fetch failed`
 * carries the real one as `cause`, so both are read. Read by shape, not instanceof: undici's errors come from
 * another realm than the caller's under jest and vm contexts.
 */
function detailsOf(error: unknown): ErrorDetails {
  const outer = fieldsOf(error);
  const cause = outer.cause !== undefined ? outer.cause : error;
  const fields = fieldsOf(cause);
  return {
    code: typeof fields.code === 'string' ? fields.code : undefined,
    hostname: typeof fields.hostname === 'string' ? fields.hostname : undefined,
    address: typeof fields.address === 'string' ? fields.address : undefined,
    port: typeof fields.port === 'number' ? fields.port : undefined,
    message: messageOf(cause),
  };
}

function describeOther(error: unknown, details: ErrorDetails): string {
  if (/CERT|TLS|SSL/i.test(details.code ?? '')) return `TLS error: ${details.message}`;
  const outer = messageOf(error);
  return outer === details.message || outer !== 'fetch failed' ? outer : `fetch failed: ${details.message}`;
}

function fieldsOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** An error's message, read by shape so errors from other realms keep their plain message. */
export function messageOf(value: unknown): string {
  const message = fieldsOf(value).message;
  return typeof message === 'string' ? message : errorMessage(value);
}

function hostnameOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}
