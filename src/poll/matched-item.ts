import type { NewsItem } from '../feeds/news-item';
import type { RuleMatch } from '../rules/compile-rule-set';
import type { StoryRef } from '../stories/story';

/** A new item that at least one rule matched, with every match (global and server rules alike). */
export interface MatchedItem {
  item: NewsItem;
  matches: RuleMatch[];
  /** The story it tells, when stories are tracked: `joined` means an earlier item of the last 48 h told it. */
  story?: StoryRef;
  /** An exact duplicate of an item another feed told: it joins that story or is dropped, never founds one. */
  echo?: Echo;
}

/**
 * What an exact duplicate (same canonical link or headline) repeats: a story the seen store names, or an
 * item another feed told earlier in the same poll (its story known once the tracker has assigned it).
 */
export type Echo = { storyId: string } | { itemKey: string };

/**
 * Where matched items go: the console printer, or the Discord router and outbox.
 * `deliver` resolving means the items are safely handed over; only then are they marked seen.
 */
export interface AlertSink {
  deliver(items: readonly MatchedItem[]): Promise<void>;
}
