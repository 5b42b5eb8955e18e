import { parseHttpUrl, unwrapClickTracking } from './canonical-link';
import { coerceText } from './item-text';

interface LinkCandidate {
  href: string;
  rel: string;
  type: string;
  text: string;
}

/** Links that are never the article: the feed itself, media files, edit and comment endpoints. */
const NOT_THE_ARTICLE = new Set(['self', 'enclosure', 'edit', 'edit-media', 'replies', 'hub', 'license']);

/**
 * The link to show for an item, resolved against the feed URL, with Bing click-tracking unwrapped;
 * "" when the item has no usable http(s) link. Atom entries can carry several links, and rss-parser
 * would take a self, enclosure or replies link when no rel="alternate" exists, so the choice follows
 * feed-quirks §8: HTML alternate, link without rel, any alternate, any other non-self link,
 * a link's text, then rss-parser's link, a URL-shaped guid (§4), a URL-shaped Atom id.
 */
export function pickItemLink(item: Record<string, unknown>, feedUrl: string): string {
  const links = linkCandidates(item.links);
  const ranked = [
    ...links.filter((link) => (link.rel === '' || link.rel === 'alternate') && /html/i.test(link.type)).map(hrefOf),
    ...links.filter((link) => link.rel === '').map(hrefOf),
    ...links.filter((link) => link.rel === 'alternate').map(hrefOf),
    ...links.filter((link) => !NOT_THE_ARTICLE.has(link.rel)).map(hrefOf),
    ...links.map((link) => link.text),
    coerceText(item.link),
  ];
  // A guid or id is a link only when it is already an absolute URL; "CBMi…" is not a relative path.
  const url =
    firstUrl(ranked, feedUrl) ?? firstUrl([coerceText(item.guid), coerceText(item.id)], undefined);
  return url === undefined ? '' : (unwrapClickTracking(url) ?? url).href;
}

function firstUrl(candidates: string[], base: string | undefined): URL | undefined {
  for (const candidate of candidates) {
    const url = candidate.trim() === '' ? undefined : parseHttpUrl(candidate.trim(), base);
    if (url) return url;
  }
  return undefined;
}

function hrefOf(link: LinkCandidate): string {
  return link.href;
}

/** rss-parser's raw `<link>` elements: strings for RSS, `{$: {href, rel, type}}` for Atom. */
function linkCandidates(value: unknown): LinkCandidate[] {
  if (!Array.isArray(value)) return [];
  return value.map((element: unknown) => {
    const attributes = isRecord(element) && isRecord(element.$) ? element.$ : {};
    return {
      href: typeof attributes.href === 'string' ? attributes.href : '',
      rel: typeof attributes.rel === 'string' ? attributes.rel.trim().toLowerCase() : '',
      type: typeof attributes.type === 'string' ? attributes.type : '',
      text: coerceText(element),
    };
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
