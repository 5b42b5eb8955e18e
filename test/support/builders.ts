import type { NewsItem } from '../../src/feeds/news-item';
import type { RuleMatch } from '../../src/rules/compile-rule-set';
import { emptyGuildSettings, type GuildSettings } from '../../src/guilds/guild-settings';

let counter = 0;

export function makeItem(overrides: Partial<NewsItem> = {}): NewsItem {
  counter += 1;
  return {
    feedId: 'mining-wire',
    source: 'Mining wire',
    id: `item-${counter}`,
    title: `Lynas ships dysprosium cargo number ${counter}`,
    summary: 'A summary about heavy rare earths.',
    categories: [],
    link: `https://news.example/story-${counter}`,
    canonicalLink: `https://news.example/story-${counter}`,
    published: '2026-11-26T10:00:00.000Z',
    firstSeen: '2026-11-26T10:05:00.000Z',
    ...overrides,
  };
}

export function makeMatch(topicId: string, ruleId = `${topicId}/1`, terms = ['dysprosium']): RuleMatch {
  return { ruleId, topicId, terms, hits: [] };
}

export function makeGuild(guildId: string, overrides: Partial<GuildSettings> = {}): GuildSettings {
  return { ...emptyGuildSettings(guildId), ...overrides };
}
