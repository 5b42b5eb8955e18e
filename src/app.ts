import type { RadarConfig } from './config/config-schema';
import { configFeeds, configRules, configTopics, type Topic } from './config/to-domain';
import { BROWSER_USER_AGENT, DEFAULT_USER_AGENT } from './feeds/user-agents';
import { fetchFeed } from './feeds/fetch-feed';
import { createHostLimiter } from './feeds/host-limiter';
import { parseFeed } from './feeds/parse-feed';
import type { AlertSink } from './pipeline/matched-item';
import { runPollCycle, type CycleReport, type PollCycleDeps } from './pipeline/poll-cycle';
import { compileRuleSet } from './rules/compile-rule-set';
import type { Rule } from './rules/rule';
import type { Logger } from './shared/logger';
import { createFeedStateStore } from './store/feed-state-store';
import type { KeyValue } from './store/key-value';
import { openStore } from './store/open-store';
import { createSeenStore } from './store/seen-store';

export interface App {
  readonly topics: readonly Topic[];
  readonly rules: readonly Rule[];
  runCycle(signal?: AbortSignal): Promise<CycleReport>;
  close(): Promise<void>;
}

export interface AppOptions {
  config: Readonly<RadarConfig>;
  storeUrl: string;
  logger: Logger;
  sink: AlertSink;
  now?: () => Date;
}

/** The composition root: config → store → feeds → rules → pipeline. Nothing else wires modules together. */
export async function createApp(options: AppOptions): Promise<App> {
  const { config, logger } = options;
  const now = options.now ?? (() => new Date());
  const kv = await openStore(options.storeUrl, (key, problem) => logger.warn({ key, problem }, 'skipped unreadable store entry'));
  const topics = configTopics(config);
  const rules = configRules(config);
  const ruleSet = compileRuleSet(rules);
  const feeds = configFeeds(config);
  const deps: PollCycleDeps = {
    getFeeds: async () => feeds,
    getRuleSet: async () => ruleSet,
    feedStates: createFeedStateStore(kv),
    seen: createSeenStore(kv),
    sink: options.sink,
    feedPoll: {
      fetchFeed,
      parseFeed,
      fetchOptions: {
        timeoutMs: config.limits.requestTimeoutMs,
        maxBodyBytes: config.limits.maxBodyBytes,
        maxRedirects: config.limits.maxRedirects,
        userAgent: resolveUserAgent(config.userAgent) ?? DEFAULT_USER_AGENT,
      },
      resolveUserAgent,
    },
    hostLimiter: createHostLimiter(config.limits.perHostConcurrency),
    limits: config.limits,
    logger,
  };
  return {
    topics,
    rules,
    runCycle: (signal) => runPollCycle(deps, now(), signal),
    close: () => closeQuietly(kv, logger),
  };
}

/** `browser` and `bot` name our two agents; anything else is sent verbatim. */
function resolveUserAgent(configured: string | undefined): string | undefined {
  if (configured === 'browser') return BROWSER_USER_AGENT;
  if (configured === 'bot') return DEFAULT_USER_AGENT;
  return configured;
}

async function closeQuietly(kv: KeyValue, logger: Logger): Promise<void> {
  try {
    await kv.close();
  } catch (error: unknown) {
    logger.warn({ error: String(error) }, 'store did not close cleanly');
  }
}
