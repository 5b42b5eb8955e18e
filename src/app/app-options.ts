import type { RadarConfig } from '../config/config-schema';
import type { Environment } from '../config/environment';
import type { Topic } from '../config/to-domain';
import type { RetryTimings } from '../delivery/deliver-alerts';
import type { FeedBackoff } from '../poll/feed-backoff';
import type { AlertSink } from '../poll/matched-item';
import type { CycleReport } from '../poll/poll-cycle';
import type { Rule } from '../rules/rule';
import type { Logger } from '../shared/logger';
import type { KeyValue } from '../store/key-value';

// The app's surface and its options, apart from createApp so the composition root stays one screenful of wiring.

export interface App {
  readonly topics: readonly Topic[];
  readonly rules: readonly Rule[];
  /** One poll cycle now (after any cycle in flight). In Discord mode its alerts are queued and sent. */
  runCycle(signal?: AbortSignal): Promise<CycleReport>;
  /** Resolves when no poll is running and the outbox has had its delivery round. */
  settle(): Promise<void>;
  /** Console mode: the schedule. Discord mode: log in, then the schedule and delivery. */
  start(): Promise<void>;
  /**
   * Stop scheduling, cancel the poll in flight (it is repeated next start), let the sends in flight
   * return (unsent alerts stay in the outbox), close Discord and the store. Safe to call twice.
   */
  stop(): Promise<void>;
}

/** Waits the bot makes. Production uses the defaults; tests shorten them instead of sleeping. */
export interface AppTimings {
  /** Back-off between attempts at an alert Discord did not take. */
  sendRetry?: RetryTimings;
  /** How often the outbox is looked at again while alerts wait. */
  deliveryCheckMs?: number;
  /** Back-off of failing feeds (and its randomness). */
  feedBackoff?: Partial<FeedBackoff>;
  /** Redis fleet: how long a channel stays claimed by the instance sending it (renewed per send). */
  channelClaimMs?: number;
  /** A message tried longer ago than this (Discord's nonce window) is looked for in its channel before a resend. */
  recheckAfterMs?: number;
  /** Redis fleet: how long the polling instance's lease lasts without renewal (its death frees it after this). */
  pollLeaseMs?: number;
  /** How often due digests are looked for between polls (default a minute; they are also after every poll). */
  digestCheckMs?: number;
  /** A story's message is edited ("also reported by") at most this often. */
  editIntervalMs?: number;
}

export interface AppOptions {
  config: Readonly<RadarConfig>;
  env: Readonly<Environment>;
  storeUrl: string;
  logger: Logger;
  /** Console mode: alerts go here instead of Discord. */
  consoleSink?: AlertSink;
  now?: () => Date;
  timings?: AppTimings;
  /** Told as each due feed of a poll finishes (`once` shows progress with it). */
  onFeedPolled?: (feedId: string, dueCount: number) => void;
  /** `once`: every cycle polls every feed, ignoring intervals and back-off, and the caller reports it. */
  pollEveryFeed?: boolean;
  /** Fault injection for tests: wraps the opened store (e.g. to make it fail at a given write). */
  wrapStore?: (kv: KeyValue) => KeyValue;
}
