import type { Alert } from '../delivery/alert';
import type { AlertWhy } from '../delivery/alert-why';
import type { Topic } from '../config/to-domain';
import type { FeedSource } from '../feeds/feed-source';
import type { FeedProbe } from '../feeds/probe-feed';
import type { Rule } from '../rules/rule';
import type { RuleSetCache } from '../rules/rule-set-cache';
import type { Logger } from '../shared/logger';
import type { GuildSettingsStore } from '../store/guild-settings-store';

/** One feed's health as `/status` shows it. */
export interface FeedHealth {
  id: string;
  name: string;
  /** undefined = not polled yet. */
  ok?: boolean;
  lastSuccessAt?: string;
  lastError?: string;
  failingSince?: string;
  /** Failing for 24 hours or more: shown prominently, since it will not fix itself. */
  failingLong?: boolean;
  /** While failing: when the next attempt is due (back-off or the server's Retry-After). */
  nextAttemptAt?: string;
}

/** What `/status` reports for one server. */
export interface StatusReport {
  lastPollAt?: string;
  nextPollAt?: string;
  feeds: FeedHealth[];
  alertsLast24h: number;
  /** This server's subscriptions Discord refused for good. */
  broken: { channelId: string; topicId?: string; reason: string; at: string }[];
  pendingAlerts: number;
  /** Health notices posted in this server in the last week, newest first. */
  notices?: { cause: string; at: string; channelId?: string }[];
}

export type FeedUrlCheck = { ok: true; url: string } | { ok: false; error: string };

/** The stories a server received or would have received, and why one was or was not sent. */
export interface StoriesView {
  /** The last `count` stories this server would have received (for a topic, or any), newest first. */
  recent(guildId: string, topicId: string | undefined, count: number): Promise<Alert[]>;
  /** Queues the latest `count` recent stories for a new subscription as the channel takes alerts; returns how many, and whether into its next digest. */
  backfill(subscription: { guildId: string; channelId: string; topicId?: string }, count: number): Promise<{ count: number; into: 'channel' | 'digest' }>;
  /** Lines saying, per subscribed channel, why the story a link or title names was or was not sent. */
  explain(guildId: string, query: string): Promise<string[]>;
}

/** Everything the Discord layer needs from the rest of the bot, passed in by the composition root. */
export interface BotDeps {
  guilds: GuildSettingsStore;
  builtInTopics: readonly Topic[];
  builtInRules: readonly Rule[];
  builtInFeeds: readonly FeedSource[];
  /** Each server's compiled rules for `/rules test`, compiled once per change rather than per call. */
  ruleSets: RuleSetCache;
  /** Validates a URL for `/feed add`: scheme, and (after DNS) no private or loopback address unless allowed. */
  checkFeedUrl(url: string): Promise<FeedUrlCheck>;
  /** Fetches and parses a checked URL once, as the poller would, so `/feed add` refuses what is no feed. */
  probeFeed(url: string): Promise<FeedProbe>;
  /** Most distinct feed URLs all servers together may add (config `limits.maxServerFeeds`); no cap when absent. */
  maxServerFeeds?: number;
  status(guildId: string): Promise<StatusReport>;
  /** Why a sent alert was sent, by the key its "Why this alert?" button carries; undefined once forgotten. */
  alertWhy?(whyKey: string): Promise<AlertWhy | undefined>;
  /** Linked from `/help` as the full guide (config `helpUrl`); absent when the operator set none. */
  helpUrl?: string;
  /** Server rules or feeds changed: the next poll must rebuild the rule set and feed list. */
  onSettingsChanged(): void;
  /** /recent, backfill and /explain; absent in setups without a story memory. */
  stories?: StoriesView;
  now(): Date;
  logger: Logger;
}
