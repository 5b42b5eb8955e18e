/** Markup inserted verbatim, for quirk tests (unescaped `&`, tags inside titles, CDATA…). */
export interface RawXml {
  raw: string;
}

/** Text is escaped unless wrapped with raw(). */
export type XmlText = string | RawXml;

export function raw(xml: string): RawXml {
  return { raw: xml };
}

export interface Rss2Item {
  title?: XmlText;
  link?: XmlText;
  /** Written as `<guid isPermaLink="false">`; pass "" for an empty guid element. */
  guid?: XmlText;
  description?: XmlText;
  pubDate?: XmlText;
  categories?: XmlText[];
  /** Extra raw elements inside `<item>`, e.g. `<source url="…">Publisher</source>`. */
  extra?: string;
}

export interface AtomLink {
  href: string;
  rel?: string;
  type?: string;
}

export interface AtomEntry {
  title?: XmlText;
  /** Sets `type` on `<title>`: "html" content is escaped markup, "xhtml" is raw markup. */
  titleType?: 'text' | 'html' | 'xhtml';
  id?: XmlText;
  links?: AtomLink[];
  published?: XmlText;
  updated?: XmlText;
  summary?: XmlText;
  extra?: string;
}

export interface RdfItem {
  about?: string;
  title?: XmlText;
  link?: XmlText;
  description?: XmlText;
  date?: XmlText;
}

/** Escapes text for XML element content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function xml(text: XmlText): string {
  return typeof text === 'string' ? escapeXml(text) : text.raw;
}

function element(name: string, text: XmlText | undefined, attributes = ''): string {
  return text === undefined ? '' : `<${name}${attributes}>${xml(text)}</${name}>`;
}

/** An RSS 2.0 document. */
export function rss2(feed: { title: XmlText; link?: string; items: Rss2Item[] }): string {
  const items = feed.items.map((item) =>
    [
      '<item>',
      element('title', item.title),
      element('link', item.link),
      element('guid', item.guid, ' isPermaLink="false"'),
      element('pubDate', item.pubDate),
      ...(item.categories ?? []).map((category) => element('category', category)),
      element('description', item.description),
      item.extra ?? '',
      '</item>',
    ].join(''),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0"><channel>',
    element('title', feed.title),
    element('link', feed.link ?? 'https://feed.example.com/'),
    '<description>built by test/support/feed-builders</description>',
    ...items,
    '</channel></rss>',
  ].join('\n');
}

/** An Atom 1.0 document. */
export function atom(feed: { title: XmlText; id?: string; entries: AtomEntry[] }): string {
  const entries = feed.entries.map((entry) =>
    [
      '<entry>',
      element('title', entry.title, entry.titleType ? ` type="${entry.titleType}"` : ''),
      element('id', entry.id),
      ...(entry.links ?? []).map((link) => `<link${linkAttributes(link)}/>`),
      element('published', entry.published),
      element('updated', entry.updated),
      element('summary', entry.summary),
      entry.extra ?? '',
      '</entry>',
    ].join(''),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    element('title', feed.title),
    element('id', feed.id ?? 'tag:feed.example.com,2026:test'),
    '<updated>2026-09-15T00:00:00Z</updated>',
    ...entries,
    '</feed>',
  ].join('\n');
}

/** An RSS 1.0 (RDF) document. */
export function rdf(feed: { title: XmlText; link?: string; items: RdfItem[] }): string {
  const items = feed.items.map((item) =>
    [
      `<item${item.about === undefined ? '' : ` rdf:about="${escapeXml(item.about)}"`}>`,
      element('title', item.title),
      element('link', item.link),
      element('description', item.description),
      element('dc:date', item.date),
      '</item>',
    ].join(''),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"',
    ' xmlns:dc="http://purl.org/dc/elements/1.1/">',
    `<channel rdf:about="${escapeXml(feed.link ?? 'https://feed.example.com/')}">`,
    element('title', feed.title),
    element('link', feed.link ?? 'https://feed.example.com/'),
    '<description>built by test/support/feed-builders</description></channel>',
    ...items,
    '</rdf:RDF>',
  ].join('\n');
}

function linkAttributes(link: AtomLink): string {
  const rel = link.rel === undefined ? '' : ` rel="${escapeXml(link.rel)}"`;
  const type = link.type === undefined ? '' : ` type="${escapeXml(link.type)}"`;
  return `${rel}${type} href="${escapeXml(link.href)}"`;
}
