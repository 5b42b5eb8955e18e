import { createHash } from 'node:crypto';
import type { Alert } from './alert';

/**
 * Why an alert was sent, kept after it left the outbox so its "Why this alert?" button can still answer
 * (and after a restart). Small and bounded: a few terms and rules per topic, no summary text.
 */
export interface AlertWhy {
  guildId: string;
  title: string;
  link?: string;
  feedId: string;
  feedName: string;
  published?: string;
  topics: { id: string; name: string; terms: string[]; ruleIds: string[] }[];
}

const MAX_TOPICS = 10;
const MAX_TERMS = 10;
const MAX_RULES = 5;
const MAX_TEXT = 300;

/**
 * The key a button carries for an alert: alert ids hold a feed item's id (often a whole URL), too long for
 * a 100-character custom id, so a hash of it stands in (22 base64url characters, 132 bits).
 */
export function alertWhyKey(alertId: string): string {
  return createHash('sha256').update(alertId).digest('base64url').slice(0, 22);
}

export function describeWhy(alert: Alert): AlertWhy {
  const { item } = alert;
  return {
    guildId: alert.guildId,
    title: item.title.slice(0, MAX_TEXT),
    ...(item.link ? { link: item.link.slice(0, 2 * MAX_TEXT) } : {}),
    feedId: item.feedId,
    feedName: item.source.slice(0, MAX_TEXT),
    ...(item.published ? { published: item.published } : {}),
    topics: alert.topics.slice(0, MAX_TOPICS).map((t) => ({
      id: t.id,
      name: t.name,
      terms: t.terms.slice(0, MAX_TERMS).map((term) => term.slice(0, 100)),
      ruleIds: (t.ruleIds ?? []).slice(0, MAX_RULES),
    })),
  };
}
