import type { Alert, AlertTopic } from '../delivery/alert';
import type { Topic } from '../config/to-domain';
import type { NewsItem } from '../feeds/news-item';
import { compileRuleSet } from '../rules/compile-rule-set';
import type { Rule } from '../rules/rule';
import { UserError } from '../shared/errors';

export interface SampleAlert {
  alert: Alert;
  /** Set when no rule matches: the bot would not post this item, and the preview says so. */
  note?: string;
}

/**
 * The alert the bot would post for `item` in a channel subscribed to `topicId` (or to every topic):
 * matched with the real rule set, topics in config order, hits for the bold terms — as routing builds it.
 */
export function buildSampleAlert(options: { item: NewsItem; topics: readonly Topic[]; rules: readonly Rule[]; topicId?: string; mentionRoleId?: string; now: Date }): SampleAlert {
  const { item, topics, topicId } = options;
  if (topicId !== undefined && !topics.some((t) => t.id === topicId)) {
    throw new UserError(`unknown topic "${topicId}"; topics: ${topics.map((t) => t.id).join(', ')}`);
  }
  const matches = compileRuleSet(options.rules)
    .match(item)
    .filter((m) => topicId === undefined || m.topicId === topicId);
  const matched: AlertTopic[] = topics
    .filter((t) => matches.some((m) => m.topicId === t.id))
    .map((t) => ({ id: t.id, name: t.name, colour: t.colour, terms: [...new Set(matches.filter((m) => m.topicId === t.id).flatMap((m) => m.terms))] }));
  const fallback = topics.find((t) => t.id === (topicId ?? topics[0]?.id));
  const alertTopics = matched.length > 0 || !fallback ? matched : [{ id: fallback.id, name: fallback.name, colour: fallback.colour, terms: [] }];
  const alert: Alert = {
    id: `preview:${item.id}`,
    guildId: 'preview',
    channelId: 'preview',
    item,
    topics: alertTopics,
    hits: matches.flatMap((m) => m.hits),
    createdAt: options.now.toISOString(),
  };
  if (options.mentionRoleId !== undefined) alert.mentionRoleId = options.mentionRoleId;
  if (matched.length > 0) return { alert };
  const where = topicId === undefined ? 'any topic' : `topic "${topicId}"`;
  return { alert, note: `no rule of ${where} matches this text, so the bot would not post it; showing it anyway` };
}
