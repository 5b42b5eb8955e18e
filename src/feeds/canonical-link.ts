/** Query parameters that track the reader, not the article (feed-quirks §16). Compared lower-case. */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'igshid',
  'mc_cid', 'mc_eid', 'ref', 'ref_src', 'oc', 'cmp', 'cmpid', 'ocid', 'smid', '_hsenc', '_hsmi', 'mkt_tok',
]);
/** `source` is a tracking tag only with these values (ABC's `?source=rss`); elsewhere it may select content. */
const TRACKING_SOURCE_VALUES = new Set(['rss', 'rss_feed', 'rssfeed', 'feed']);

/**
 * The link used to recognise one article across feeds and fetches; never shown to people.
 * https, lower-case host without `www.`, no credentials, fragment or tracking parameters, sorted
 * query, no trailing slash. Bing click-tracking links become their target. "" when not an http(s) URL.
 */
export function canonicaliseLink(url: string): string {
  const parsed = parseHttpUrl(url.trim());
  if (parsed === undefined) return '';
  const target = unwrapClickTracking(parsed) ?? parsed;
  const params = [...target.searchParams].filter(([name, value]) => !isTrackingParam(name, value));
  params.sort(([a, aValue], [b, bValue]) => (a === b ? compare(aValue, bValue) : compare(a, b)));
  const query = new URLSearchParams(params).toString();
  const host = target.host.replace(/^www\./, '');
  const path = target.pathname.replace(/\/+$/, '');
  return `https://${host}${path}${query ? `?${query}` : ''}`;
}

/**
 * The article URL inside a Bing News `apiclick.aspx?…&url=<encoded>` link, whose other parameters
 * change on every fetch (feed-quirks §17); undefined for any other URL.
 */
export function unwrapClickTracking(url: URL): URL | undefined {
  const isBingClick = /(^|\.)bing\.com$/i.test(url.hostname) && /\/apiclick\.aspx$/i.test(url.pathname);
  if (!isBingClick) return undefined;
  return parseHttpUrl(url.searchParams.get('url') ?? '');
}

/** A URL object for an absolute http(s) URL, else undefined. */
export function parseHttpUrl(text: string, base?: string): URL | undefined {
  try {
    const url = new URL(text, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

function isTrackingParam(name: string, value: string): boolean {
  const lower = name.toLowerCase();
  if (lower.startsWith('utm_') || TRACKING_PARAMS.has(lower)) return true;
  return lower === 'source' && TRACKING_SOURCE_VALUES.has(value.toLowerCase());
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
