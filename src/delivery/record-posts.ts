import type { Alert } from './alert';
import { itemTime } from '../feeds/news-item';
import { storyItemKey } from '../stories/story';
import type { StoryItemRef, StoryLedger } from '../stories/story-ledger';

/** The outlet an item is shown as: the publisher an aggregator names, else the feed's name. */
export function outletOf(item: Alert['item']): string {
  return item.publisher ?? item.source;
}

/** The ledger's view of an alert's item. */
export function storyItemOf(item: Alert['item']): StoryItemRef & { outlet: string } {
  return { feedId: item.feedId, link: item.link, title: item.title, at: itemTime(item), outlet: outletOf(item), ...(item.publisher ? { publisher: item.publisher } : {}) };
}

/** Records, for each alert of a message Discord took, that its story is carried by that message. */
export async function recordPosts(ledger: StoryLedger, entries: readonly { alert: Alert }[], messageId: string, at: Date): Promise<void> {
  for (const { alert } of entries) {
    // A digest, a compact line or a forum post carries no story embed this edit could extend.
    if (alert.digest || alert.compact || alert.forum) continue;
    const storyId = alert.storyId ?? storyItemKey(alert.item);
    const matched = { topics: alert.topics.map((t) => t.id), terms: [...new Set(alert.topics.flatMap((t) => t.terms))] };
    await ledger.recordPost(storyId, storyItemOf(alert.item), { guildId: alert.guildId, channelId: alert.channelId, messageId, at }, matched);
  }
}
