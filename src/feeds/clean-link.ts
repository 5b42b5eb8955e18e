import { parseHttpUrl, unwrapClickTracking } from './canonical-link';

/**
 * Query parameters that track the reader, removed from links shown to people (compared lower-case; any
 * `utm_*` too). Click ids (Meta, Google, Microsoft, Yandex, X, Instagram), newsletter ids (Mailchimp,
 * HubSpot, Marketo), and publishers' campaign tags (Google News `oc`, MSN `ocid`, Guardian `CMP`, NYT
 * `smid`). Narrower than the dedupe key's list (canonical-link.ts): a tracking tag left in costs
 * nothing, a real parameter taken out breaks the link, so `ref` (also a branch or a section) stays.
 */
export const DISPLAY_TRACKING_PARAMS: ReadonlySet<string> = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'igshid',
  'mc_cid', 'mc_eid', '_hsenc', '_hsmi', 'mkt_tok', 'oc', 'ocid', 'cmp', 'cmpid', 'smid', 'ref_src',
]);
/** `source` is a tracking tag only with these values (ABC's `?source=rss`); elsewhere it may select content. */
const TRACKING_SOURCE_VALUES = new Set(['rss', 'rss_feed', 'rssfeed', 'feed']);

/**
 * The link to show people: the article's own URL without what tracks the reader. Bing `apiclick.aspx`
 * and Google `/url?url=…` (or `q=`) redirects become their target; tracking parameters and the fragment
 * go. Everything else is kept exactly as written: scheme, host case, `www.`, path, trailing slash, the
 * other parameters in their order and encoding. Not the dedupe key, which is canonicaliseLink's job;
 * anything that is not an absolute http(s) URL comes back trimmed and otherwise unchanged.
 */
export function cleanLink(link: string): string {
  const trimmed = link.trim();
  const parsed = parseHttpUrl(trimmed);
  if (parsed === undefined) return trimmed;
  return withoutTracking(redirectTarget(parsed) ?? trimmed);
}

/** The URL a click-tracker or redirect page sends the reader on to, when it is an http(s) URL. */
function redirectTarget(url: URL): string | undefined {
  if (unwrapClickTracking(url) !== undefined) return (url.searchParams.get('url') ?? '').trim();
  const isGoogleRedirect = /(^|\.)google\.[a-z]{2,3}(\.[a-z]{2})?$/i.test(url.hostname) && url.pathname === '/url';
  if (!isGoogleRedirect) return undefined;
  const target = [url.searchParams.get('url'), url.searchParams.get('q')].find((value) => parseHttpUrl((value ?? '').trim()) !== undefined);
  return target?.trim();
}

/** Drops the fragment and the tracking parameters, leaving every other character as it was. */
function withoutTracking(link: string): string {
  const [beforeFragment = ''] = link.split('#', 1);
  const queryStart = beforeFragment.indexOf('?');
  if (queryStart < 0) return beforeFragment;
  const kept = beforeFragment.slice(queryStart + 1).split('&').filter((part) => !isTrackingPart(part));
  const query = kept.some((part) => part !== '') ? `?${kept.join('&')}` : '';
  return `${beforeFragment.slice(0, queryStart)}${query}`;
}

function isTrackingPart(part: string): boolean {
  const [rawName = '', ...rest] = part.split('=');
  const name = decodeQueryText(rawName).toLowerCase();
  if (name.startsWith('utm_') || DISPLAY_TRACKING_PARAMS.has(name)) return true;
  return name === 'source' && TRACKING_SOURCE_VALUES.has(decodeQueryText(rest.join('=')).toLowerCase());
}

/** A query name or value as URLSearchParams reads it; a malformed %-escape is compared as written. */
function decodeQueryText(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
