import type { FeedSource } from '../feeds/feed-source';
import { guildFeedSourceId, guildRuleId } from '../guilds/guild-settings';
import { compileRuleSet, type CompiledRuleSet } from '../rules/compile-rule-set';
import type { Rule } from '../rules/rule';
import type { Logger } from '../shared/logger';
import type { GuildSettingsStore } from '../store/guild-settings-store';

export interface PollCatalog {
  /** Built-in feeds plus every server's own. */
  feeds(): Promise<readonly FeedSource[]>;
  /** Built-in rules plus every server's own, compiled once per change. */
  ruleSet(): Promise<CompiledRuleSet>;
  /** The feeds and rules the last `feeds()` / `ruleSet()` returned: what routing must judge ownership by. */
  current(): { feeds: readonly FeedSource[]; rules: readonly Rule[] };
  /** Server settings changed: rebuild on next use. */
  invalidate(): void;
}

/**
 * Merges config and per-server feeds and rules. The compiled rule set is cached and rebuilt only when a
 * server changes its rules, since compiling thousands of rules on every tick would be waste.
 */
export function createPollCatalog(options: {
  feeds: readonly FeedSource[];
  rules: readonly Rule[];
  guilds?: GuildSettingsStore;
  logger: Logger;
}): PollCatalog {
  let cached: { feeds: FeedSource[]; rules: Rule[]; ruleSet: CompiledRuleSet } | undefined;
  // The last loaded lists survive invalidation: a cycle in flight still routes by what it matched with.
  let snapshot: { feeds: readonly FeedSource[]; rules: readonly Rule[] } = { feeds: options.feeds, rules: options.rules };
  const load = async () => {
    if (cached) return cached;
    const guilds = options.guilds ? await options.guilds.all() : [];
    const feeds = [...options.feeds, ...guilds.flatMap((g) => g.feeds.map((f) => ({ id: guildFeedSourceId(g.guildId, f.id), name: f.name, url: f.url, guildId: g.guildId })))];
    const rules = [...options.rules, ...guilds.flatMap((g) => g.rules.map((r) => ({ id: guildRuleId(g.guildId, r.id), topicId: r.topicId, expression: r.expression, guildId: g.guildId })))];
    cached = { feeds, rules, ruleSet: compileRuleSet(rules) };
    snapshot = { feeds, rules };
    options.logger.debug({ feeds: feeds.length, rules: rules.length }, 'rule set compiled');
    return cached;
  };
  return {
    feeds: async () => (await load()).feeds,
    ruleSet: async () => (await load()).ruleSet,
    current: () => snapshot,
    invalidate: () => {
      cached = undefined;
    },
  };
}
