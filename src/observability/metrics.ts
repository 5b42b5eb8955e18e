import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { SendResult } from '../delivery/alert-sender';
import type { CycleReport } from '../poll/poll-cycle';

export interface MetricsOptions {
  /** Alerts waiting in the outbox, read at each scrape; a failing read leaves the last value in place. */
  outboxDepth?: () => number | Promise<number>;
  /** Process metrics (CPU, memory, event loop lag, GC); on by default. */
  defaultMetrics?: boolean;
}

/** The things a poll or a send needs to count, each one call; `registry` is what `/metrics` renders. */
export interface RadarMetrics {
  readonly registry: Registry;
  /** After every poll cycle: polls, feed fetches by status, items, poll duration. */
  recordCycle(report: Pick<CycleReport, 'durationMs' | 'feeds' | 'items' | 'newItems'> & { startedAt?: string }): void;
  /** For each item handed to delivery: one match per topic that fired on it. */
  recordMatches(items: readonly { matches: readonly { topicId: string }[] }[]): void;
  /** After every Discord post: sent or failed by kind, and how long the post took. */
  recordSend(result: Pick<SendResult, 'kind'>, seconds: number): void;
  /** Each time discord.js waits for a rate limit (a 429 or a bucket that ran dry). */
  recordRateLimit(global: boolean): void;
}

const SEND_BUCKETS_S = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const POLL_BUCKETS_S = [0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300];
/**
 * How often the event-loop lag monitor samples. prom-client's default, 10 ms, wakes an idle bot 100 times a
 * second: ~8 ms CPU per second of wall time, which a poll spread out by per-host spacing (500 feeds on one
 * host: 500 s) paid as ~4 CPU-s per cycle (BENCHMARKS.md "Scale"). Lag worth alerting on is far above 100 ms.
 */
const EVENT_LOOP_SAMPLE_MS = 100;

/** One registry per app, never prom-client's global one, so tests and two apps in one process stay apart. */
export function createMetrics(options: MetricsOptions = {}): RadarMetrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });
  const m = createInstruments(registry, options.outboxDepth);
  return {
    registry,
    recordCycle(report) {
      m.polls.inc();
      m.fetches.inc({ status: 'ok' }, report.feeds.ok);
      m.fetches.inc({ status: 'not_modified' }, report.feeds.notModified);
      m.fetches.inc({ status: 'failed' }, report.feeds.failed);
      m.items.inc(report.items);
      m.newItems.inc(report.newItems);
      m.pollDuration.observe(report.durationMs / 1000);
      const started = report.startedAt === undefined ? NaN : Date.parse(report.startedAt);
      if (!Number.isNaN(started)) m.lastPoll.set(started / 1000);
    },
    recordMatches(matched) {
      for (const item of matched) {
        for (const topic of new Set(item.matches.map((match) => match.topicId))) m.matches.inc({ topic });
      }
    },
    recordSend(result, seconds) {
      m.latency.observe(seconds);
      if (result.kind === 'sent') m.sent.inc();
      else m.failed.inc({ kind: result.kind });
    },
    recordRateLimit(global) {
      m.rateLimits.inc({ global: String(global) });
    },
  };
}

function createInstruments(registry: Registry, readDepth: MetricsOptions['outboxDepth']) {
  const registers = [registry];
  const instruments = {
    polls: new Counter({ name: 'radar_polls_total', help: 'Poll cycles finished', registers }),
    fetches: new Counter({ name: 'radar_feed_fetches_total', help: 'Feed fetches by outcome', labelNames: ['status'] as const, registers }),
    items: new Counter({ name: 'radar_items_total', help: 'Items read from feeds', registers }),
    newItems: new Counter({ name: 'radar_new_items_total', help: 'Items not seen before', registers }),
    matches: new Counter({ name: 'radar_matches_total', help: 'Items matched, per topic', labelNames: ['topic'] as const, registers }),
    sent: new Counter({ name: 'radar_alerts_sent_total', help: 'Alerts Discord accepted', registers }),
    failed: new Counter({ name: 'radar_alerts_failed_total', help: 'Alert posts refused by Discord or not delivered, by kind', labelNames: ['kind'] as const, registers }),
    latency: new Histogram({ name: 'radar_send_latency_seconds', help: 'Time to post one alert to Discord', buckets: SEND_BUCKETS_S, registers }),
    rateLimits: new Counter({ name: 'radar_discord_rate_limits_total', help: 'Waits for a Discord rate limit', labelNames: ['global'] as const, registers }),
    pollDuration: new Histogram({ name: 'radar_poll_duration_seconds', help: 'Duration of one poll cycle', buckets: POLL_BUCKETS_S, registers }),
    lastPoll: new Gauge({ name: 'radar_last_poll_timestamp_seconds', help: 'When the last poll cycle started (Unix time)', registers }),
  };
  new Gauge({
    name: 'radar_outbox_depth',
    help: 'Alerts waiting to be sent',
    registers,
    async collect() {
      if (!readDepth) return;
      try {
        this.set(await readDepth());
      } catch {
        // A store that cannot answer is reported by /healthz; a scrape must still succeed.
      }
    },
  });
  // Every label value exists from the start, so rate() and absent() work before the first failure.
  for (const status of ['ok', 'not_modified', 'failed']) instruments.fetches.inc({ status }, 0);
  for (const kind of ['permanent', 'rejected', 'transient']) instruments.failed.inc({ kind }, 0);
  for (const global of ['true', 'false']) instruments.rateLimits.inc({ global }, 0);
  return instruments;
}
