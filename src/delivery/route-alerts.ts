import type { FeedSource } from '../feeds/feed-source';
import { itemTime, type NewsItem } from '../feeds/news-item';
import { activeMutes, type GuildSettings } from '../guilds/guild-settings';
import { topicsFor, type CatalogTopic } from '../guilds/topic-catalog';
import { mergeHits } from '../rules/merge-hits';
import type { Rule } from '../rules/rule';
import type { Alert, AlertTopic } from './alert';
import type { MatchedItem } from '../poll/matched-item';

export interface RoutingContext {
  builtInTopics: readonly { id: string; name: string; colour: number }[];
  guilds: readonly GuildSettings[];
  /** Every rule in the compiled set; `guildId` marks a server's own rule. */
  rules: readonly Rule[];
  /** Every feed polled; `guildId` marks a server's own feed. */
  feeds: readonly FeedSource[];
  now: Date;
  /**
   * The age limit of a first poll (maxItemAgeHours). A subscription receives no item published more than
   * this long before it was created: the backlog it never asked for stays out. Undefined: no limit.
   */
  maxItemAgeMs?: number;
}

/**
 * Turns matched items into one alert per (item, channel). A server sees only global feeds and its own,
 * and only global rules and its own; muted topics are dropped; a channel subscribed to several matching
 * topics gets the item once, listing them all; broken subscriptions get nothing, and a subscription
 * gets nothing from before its own time (see `maxItemAgeMs`).
 */
export function routeAlerts(items: readonly MatchedItem[], ctx: RoutingContext): Alert[] {
  // Ownership maps: a value of null means "global". An id missing from them (a rule or feed removed
  // since the match) is delivered nowhere rather than treated as global.
  const ruleGuild = new Map(ctx.rules.map((r) => [r.id, r.guildId ?? null]));
  const feedGuild = new Map(ctx.feeds.map((f) => [f.id, f.guildId ?? null]));
  const alerts: Alert[] = [];
  for (const guild of ctx.guilds) {
    const catalog = topicsFor(ctx.builtInTopics, guild);
    const muted = new Set(activeMutes(guild, ctx.now).map((m) => m.topicId));
    for (const matched of items) {
      const owner = feedGuild.get(matched.item.feedId);
      if (owner === undefined || (owner !== null && owner !== guild.guildId)) continue;
      const matches = matched.matches.filter((m) => {
        const ruleOwner = ruleGuild.get(m.ruleId);
        return (ruleOwner === null || ruleOwner === guild.guildId) && !muted.has(m.topicId);
      });
      if (matches.length > 0) alerts.push(...alertsForGuild(guild, catalog, matched, matches, ctx));
    }
  }
  return alerts;
}

function alertsForGuild(
  guild: GuildSettings,
  catalog: readonly CatalogTopic[],
  matched: MatchedItem,
  matches: MatchedItem['matches'],
  ctx: RoutingContext,
): Alert[] {
  const byChannel = new Map<string, { topicIds: Set<string>; roleId?: string; forum?: boolean }>();
  for (const sub of guild.subscriptions) {
    if (sub.broken || predatesSubscription(matched.item, sub.createdAt, ctx.maxItemAgeMs)) continue;
    const hit = matches.filter((m) => sub.topicId === undefined || m.topicId === sub.topicId);
    if (hit.length === 0) continue;
    const entry = byChannel.get(sub.channelId) ?? { topicIds: new Set<string>() };
    hit.forEach((m) => entry.topicIds.add(m.topicId));
    entry.roleId ??= sub.mentionRoleId;
    if (sub.forum === true) entry.forum = true;
    byChannel.set(sub.channelId, entry);
  }
  const alerts = [...byChannel].map(([channelId, entry]): Alert => {
    const topics: AlertTopic[] = catalog
      .filter((t) => entry.topicIds.has(t.id))
      .map((t) => ({
        id: t.id,
        name: t.name,
        colour: t.colour,
        terms: [...new Set(matches.filter((m) => m.topicId === t.id).flatMap((m) => m.terms))],
        ruleIds: [...new Set(matches.filter((m) => m.topicId === t.id).map((m) => m.ruleId))],
      }));
    const chosen = matches.filter((m) => entry.topicIds.has(m.topicId));
    return {
      id: `${channelId}:${matched.item.feedId}:${matched.item.id}`,
      guildId: guild.guildId,
      channelId,
      mentionRoleId: entry.roleId,
      item: matched.item,
      topics,
      hits: mergeHits(chosen),
      createdAt: ctx.now.toISOString(),
      ...(entry.forum ? { forum: true } : {}),
    };
  });
  // A match whose topic no longer exists (its server topic was just removed) posts nothing.
  return alerts.filter((alert) => alert.topics.length > 0);
}

/** An item that only now reached us but is older than the subscription by more than the age limit. */
function predatesSubscription(item: NewsItem, createdAt: string | undefined, maxItemAgeMs: number | undefined): boolean {
  if (maxItemAgeMs === undefined || createdAt === undefined) return false;
  return Date.parse(itemTime(item)) < Date.parse(createdAt) - maxItemAgeMs;
}
