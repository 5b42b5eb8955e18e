import type { NewsItem } from '../feeds/news-item';

/**
 * An illustrative story (not a real article) that touches several of the default topics, so the preview
 * shows bold terms, two topics and tags. Published two hours before `now`, seen an hour later.
 */
export function makeSampleItem(options: { now: Date; title?: string; summary?: string }): NewsItem {
  const published = new Date(options.now.getTime() - 2 * 3_600_000);
  return {
    feedId: 'sample',
    source: 'Metals Desk (sample)',
    id: 'sample-1',
    title: options.title ?? 'Japanese buyers sign dysprosium offtake as China tightens export licences',
    summary:
      options.summary ??
      'A consortium backed by JOGMEC agreed to take most of the dysprosium and terbium from a new separation plant in Western Australia, ' +
        'hedging against the licence regime Beijing applies to heavy rare earth exports. First oxide shipments are planned for late next year; ' +
        'neither side disclosed the terms.',
    categories: ['Rare earths', 'Supply chain', 'Japan'],
    link: 'https://news.example.com/2025/heavy-rare-earth-offtake',
    canonicalLink: 'news.example.com/2025/heavy-rare-earth-offtake',
    published: published.toISOString(),
    firstSeen: new Date(published.getTime() + 3_600_000).toISOString(),
  };
}
