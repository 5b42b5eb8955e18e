import { createHash } from 'node:crypto';
import type { NewsItem } from '../feeds/news-item';

/**
 * Some generators give every item the same guid (or reuse one). Keyed on it, all but the first item would
 * look already seen and be missed. Items sharing an id with a different story in the same fetch are
 * re-keyed on their canonical link, else on a hash of their title (feed-quirks §3).
 */
export function distrustDuplicateIds(items: readonly NewsItem[]): NewsItem[] {
  const stories = new Map<string, Set<string>>();
  for (const item of items) {
    const set = stories.get(item.id) ?? new Set<string>();
    set.add(storyOf(item));
    stories.set(item.id, set);
  }
  return items.map((item) => ((stories.get(item.id)?.size ?? 0) > 1 ? { ...item, id: rekey(item) } : item));
}

/** What makes two items with one id different stories. */
export function storyOf(item: Pick<NewsItem, 'canonicalLink' | 'title'>): string {
  return item.canonicalLink || item.title;
}

function rekey(item: NewsItem): string {
  if (item.canonicalLink) return item.canonicalLink;
  return `hash:${createHash('sha1').update(`${item.title}\n${item.published ?? ''}`).digest('hex').slice(0, 20)}`;
}
