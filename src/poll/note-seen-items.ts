import type { NewsItem } from '../feeds/news-item';
import type { SeenItem, SeenItemsStore } from '../store/seen-items-store';
import type { Logger } from '../shared/logger';
import type { MatchedItem } from './matched-item';

/**
 * Remembers a poll's new items, matched or not, for /explain. Best effort: the alerts are already queued
 * and the items marked seen, so a failure here costs an explanation, never an alert.
 */
export async function noteSeenItems(store: SeenItemsStore, fresh: readonly NewsItem[], told: readonly MatchedItem[], now: Date, logger: Logger): Promise<void> {
  const byItem = new Map(told.map((m) => [m.item, m]));
  const items = fresh.map((item): SeenItem => {
    const matched = byItem.get(item);
    return {
      feedId: item.feedId,
      itemId: item.id,
      title: item.title,
      link: item.link,
      canonicalLink: item.canonicalLink,
      at: now.getTime(),
      ...(matched?.story ? { storyId: matched.story.id } : {}),
      matches: (matched?.matches ?? []).map((m) => ({ ruleId: m.ruleId, topicId: m.topicId })),
    };
  });
  try {
    await store.record(items, now.getTime());
  } catch (error: unknown) {
    logger.warn({ err: error }, 'could not remember the poll\'s items for /explain');
  }
}
