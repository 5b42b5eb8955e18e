import type { FeedSource } from '../feeds/feed-source';
import type { Rule } from '../rules/rule';
import type { RadarConfig } from './config-schema';

/** A topic as the rest of the bot sees it; `guildId` is set for topics a server created with `/rule add`. */
export interface Topic {
  id: string;
  name: string;
  colour: number;
  guildId?: string;
}

export function configFeeds(config: RadarConfig): FeedSource[] {
  return config.feeds.map((f) => ({ id: f.id, name: f.name, url: f.url, intervalMinutes: f.intervalMinutes, userAgent: f.userAgent }));
}

export function configTopics(config: RadarConfig): Topic[] {
  return config.topics.map((t) => ({ id: t.id, name: t.name, colour: t.colour }));
}

/** Config rules are numbered within their topic: `heavy-rare-earths/2` is that topic's second rule. */
export function configRules(config: RadarConfig): Rule[] {
  return config.topics.flatMap((t) => t.rules.map((expression, i) => ({ id: `${t.id}/${i + 1}`, topicId: t.id, expression })));
}
