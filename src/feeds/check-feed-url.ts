import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isForbiddenAddress } from './forbidden-address';

export type FeedUrlVerdict = { ok: true; url: string } | { ok: false; error: string };

export interface FeedUrlPolicy {
  /** Operators may allow private addresses (a feed on their own network); servers never decide this. */
  allowPrivateAddresses: boolean;
  resolve?: (host: string) => Promise<{ address: string; family: number }[]>;
}

/**
 * Checks a URL a Discord server wants polled: http(s) only, no credentials, and — after DNS — no
 * loopback, private, link-local or metadata address, so `/feed add` cannot probe the bot's network.
 */
export async function checkFeedUrl(input: string, policy: FeedUrlPolicy): Promise<FeedUrlVerdict> {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, error: 'That is not a valid URL. Use the full address, e.g. https://example.com/feed' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, error: 'Only http:// and https:// feeds can be added.' };
  if (url.username || url.password) return { ok: false, error: 'Feed URLs with a user name or password are not accepted.' };
  if (url.href.length > 2000) return { ok: false, error: 'That URL is longer than 2,000 characters.' };
  if (policy.allowPrivateAddresses) return { ok: true, url: url.href };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string; family: number }[];
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await (policy.resolve ?? ((h) => lookup(h, { all: true })))(host);
  } catch {
    return { ok: false, error: `The host "${host}" could not be found.` };
  }
  const blocked = addresses.find((a) => isForbiddenAddress(a.address));
  if (blocked || addresses.length === 0) return { ok: false, error: `"${host}" points to a private or local address; only public feeds can be added.` };
  return { ok: true, url: url.href };
}
