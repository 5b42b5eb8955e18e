import type { GeneratedItem } from './write-news-item';

export interface FeedEntry extends GeneratedItem {
  guid: string;
  link: string;
  published: Date;
}

/** Escapes text for XML element content. */
function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An RSS 2.0 document shaped like a WordPress news feed: guid, pubDate, categories, an HTML description. */
export function rssDocument(title: string, link: string, entries: readonly FeedEntry[], buildDate?: Date): string {
  const items = entries.map((entry) =>
    [
      '<item>',
      `<title>${escapeXml(entry.title)}</title>`,
      `<link>${escapeXml(entry.link)}</link>`,
      `<guid isPermaLink="false">${escapeXml(entry.guid)}</guid>`,
      `<pubDate>${entry.published.toUTCString()}</pubDate>`,
      ...entry.categories.map((category) => `<category><![CDATA[${category}]]></category>`),
      `<description><![CDATA[<p>${entry.summary}</p>]]></description>`,
      '</item>',
    ].join(''),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0"><channel>',
    `<title>${escapeXml(title)}</title><link>${escapeXml(link)}</link><description>benchmark feed</description>`,
    ...(buildDate ? [`<lastBuildDate>${buildDate.toUTCString()}</lastBuildDate>`] : []),
    ...items,
    '</channel></rss>',
  ].join('\n');
}
