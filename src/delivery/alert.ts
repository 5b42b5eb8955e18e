import type { NewsItem } from '../feeds/news-item';
import type { TermHit } from '../rules/compile-rule-set';
import type { DigestPart } from './digest';

/** A topic as shown on one alert: the terms that made it fire in this server. */
export interface AlertTopic {
  id: string;
  name: string;
  colour: number;
  terms: string[];
  /** The rules that fired for this topic (absent in alerts queued by older versions). */
  ruleIds?: string[];
}

/** One story for one channel: what the outbox stores and the Discord layer posts. */
export interface Alert {
  /** Stable for (channel, story): the same story routed twice yields the same id, which dedupes the outbox. */
  id: string;
  guildId: string;
  channelId: string;
  /** Role to mention, set by the subscription; the only ping an alert may ever make. */
  mentionRoleId?: string;
  item: NewsItem;
  /** Topics this channel subscribed to that matched, in config order; at least one. */
  topics: AlertTopic[];
  /** Where the matched terms are in the item's title / summary, for emphasis. */
  hits: TermHit[];
  createdAt: string;
  /**
   * The channel is a forum: the alert is posted as a new post (thread) of its own, never packed. Set from
   * the subscription, which recorded the channel's type at /subscribe.
   */
  forum?: boolean;
  /** Post as one line (title link, source, topics) rather than an embed: the channel asked for compact alerts. */
  compact?: boolean;
  /**
   * Set on a digest message: it carries its stories here, and `item` only stands for the digest (its
   * time is the due time, so the outbox orders it among the channel's alerts).
   */
  digest?: DigestPart;
  /** The story the item tells (its own key when it founded it): where the ledger records the message. */
  storyId?: string;
  /** Posted because a new subscription asked for recent stories: sent packed, never mentioning anyone. */
  backfill?: true;
}
