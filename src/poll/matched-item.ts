import type { NewsItem } from '../feeds/news-item';
import type { RuleMatch } from '../rules/compile-rule-set';
import type { StoryRef } from '../stories/story';

/** A new item that at least one rule matched, with every match (global and server rules alike). */
export interface MatchedItem {
  item: NewsItem;
  matches: RuleMatch[];
  /** The story it tells, when stories are tracked: `joined` means an earlier item of the last 48 h told it. */
  story?: StoryRef;
}

/**
 * Where matched items go: the console printer, or the Discord router and outbox.
 * `deliver` resolving means the items are safely handed over; only then are they marked seen.
 */
export interface AlertSink {
  deliver(items: readonly MatchedItem[]): Promise<void>;
}
