import { STATUS_CODES } from 'node:http';
import type { FetchFailureKind } from './fetch-outcome';

/**
 * Why a server-added feed failed, in words safe to show every member of that server (`/feeds list`,
 * `/status`). The operator's log keeps the full reason; this one never quotes the response (an internal
 * endpoint's first bytes must not leak) and says the same for refused, reset and timed-out connections,
 * so the answer cannot be used to map which ports are open. HTTP statuses use the standard wording,
 * not the server's reason phrase.
 */
export function publicFailureReason(failure: FetchFailureKind | 'parse' | 'unexpected', status?: number): string {
  switch (failure) {
    case 'network':
    case 'timeout':
      return 'the feed could not be reached';
    case 'http':
      return status === undefined ? 'the server answered with an error' : `HTTP ${status} ${STATUS_CODES[status] ?? 'error'}`;
    case 'blocked':
      return status === undefined ? 'its address, or one it redirects to, is private or local' : `HTTP ${status} ${STATUS_CODES[status] ?? 'error'}`;
    case 'not-a-feed':
    case 'parse':
      return 'the address did not return a readable RSS or Atom feed';
    case 'too-large':
      return 'the feed is larger than this bot accepts';
    case 'redirects':
      return 'too many redirects, or a redirect to an unsupported address';
    case 'unexpected':
      return 'unexpected error while reading the feed';
  }
}
