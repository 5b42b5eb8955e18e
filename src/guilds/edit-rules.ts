import { parseExpression } from '../rules/parse-expression';
import { UserError } from '../shared/errors';
import type { Edit } from './edit-subscriptions';
import type { GuildSettings } from './guild-settings';
import { GUILD_LIMITS } from './guild-limits';
import { findTopic, newGuildTopic, type CatalogTopic } from './topic-catalog';

/** Adds a server rule; naming a topic that does not exist creates it for this server. */
export function addRule(settings: GuildSettings, catalog: readonly CatalogTopic[], input: { topic: string; expression: string }, now: Date): Edit {
  const expression = input.expression.trim();
  if (expression.length > GUILD_LIMITS.expressionLength) {
    throw new UserError(`That expression is ${expression.length} characters; the limit is ${GUILD_LIMITS.expressionLength}.`);
  }
  const parsed = parseExpression(expression);
  if (!parsed.ok) throw new UserError(`Invalid keywords: ${parsed.error.message}.\n\`${expression}\``);
  if (settings.rules.length >= GUILD_LIMITS.rules) {
    throw new UserError(`This server already has ${GUILD_LIMITS.rules} rules, the most allowed. Remove one with /rule remove first.`);
  }
  const topicName = input.topic.trim();
  let topic = findTopic(catalog, topicName);
  let topics = settings.topics;
  if (!topic) {
    if (!topicName || topicName.length > GUILD_LIMITS.topicNameLength) {
      throw new UserError(`A topic name must be 1–${GUILD_LIMITS.topicNameLength} characters.`);
    }
    if (settings.topics.length >= GUILD_LIMITS.topics) throw new UserError(`This server already has ${GUILD_LIMITS.topics} topics of its own.`);
    const created = newGuildTopic(topicName, catalog);
    topics = [...topics, created];
    topic = { ...created, builtIn: false };
  }
  const id = `r${settings.nextId}`;
  const created = topics === settings.topics ? '' : ` (new topic for this server)`;
  return {
    settings: { ...settings, topics, nextId: settings.nextId + 1, rules: [...settings.rules, { id, topicId: topic.id, expression, createdAt: now.toISOString() }] },
    message: `Added rule \`${id}\` to **${topic.name}**${created}: \`${expression}\``,
  };
}

/** Removes a server rule; a server topic left without rules goes too (and its subscriptions and mutes). */
export function removeRule(settings: GuildSettings, ruleId: string): Edit {
  const id = ruleId.trim().toLowerCase();
  const rule = settings.rules.find((r) => r.id === id);
  if (!rule) throw new UserError(`This server has no rule \`${ruleId.trim()}\`. See /rules list (built-in rules cannot be removed).`);
  const rules = settings.rules.filter((r) => r !== rule);
  const orphan = settings.topics.find((t) => t.id === rule.topicId && !rules.some((r) => r.topicId === t.id));
  const next = { ...settings, rules };
  if (!orphan) return { settings: next, message: `Removed rule \`${rule.id}\`: \`${rule.expression}\`` };
  return {
    settings: {
      ...next,
      topics: settings.topics.filter((t) => t !== orphan),
      subscriptions: settings.subscriptions.filter((s) => s.topicId !== orphan.id),
      mutes: settings.mutes.filter((m) => m.topicId !== orphan.id),
    },
    message: `Removed rule \`${rule.id}\`: \`${rule.expression}\`. Topic **${orphan.name}** had no rules left and was removed with its subscriptions.`,
  };
}
