import { itemTime, type NewsItem } from '../feeds/news-item';

export interface FirstPollLimits {
  maxItemAgeHours: number;
  firstPollMaxItems: number;
}

/**
 * On a feed's first poll its whole backlog is unseen; alerting on all of it would flood the channel.
 * Only the newest few items published within the age limit go through; the rest are remembered silently.
 * An item without a publication date is not known to be recent, so it is seeded too.
 */
export function splitFirstPoll(
  items: readonly NewsItem[],
  limits: FirstPollLimits,
  now: Date,
): { fresh: NewsItem[]; seeded: NewsItem[] } {
  const oldest = now.getTime() - limits.maxItemAgeHours * 3_600_000;
  const recent = items
    .filter((item) => item.published !== undefined && Date.parse(item.published) >= oldest)
    .sort((a, b) => Date.parse(itemTime(b)) - Date.parse(itemTime(a)))
    .slice(0, limits.firstPollMaxItems);
  const chosen = new Set(recent);
  return { fresh: recent, seeded: items.filter((item) => !chosen.has(item)) };
}

/** Oldest first, so a channel reads in the order stories broke; ties keep feed order. */
export function sortOldestFirst<T extends { item: NewsItem }>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => Date.parse(itemTime(a.item)) - Date.parse(itemTime(b.item)));
}
