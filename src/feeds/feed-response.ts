import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';

/** One HTTP response as `undici.request` gives it: the body still unread and still encoded. */
export interface FeedResponse {
  status: number;
  /** Lower-case names; a repeated header arrives as an array. */
  headers: IncomingHttpHeaders;
  body: Dispatcher.ResponseData['body'];
}

/** A header's value, repeated ones joined with ", " as WHATWG `Headers.get` does; undefined when absent. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
