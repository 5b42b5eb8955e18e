import { UserError } from '../shared/errors';
import type { Edit } from './edit-subscriptions';
import type { GuildSettings } from './guild-settings';
import { GUILD_LIMITS } from './guild-limits';

/**
 * Adds a feed for this server only. The URL must already be checked (scheme, address) by the caller,
 * which can resolve DNS; this keeps the edit pure.
 */
export function addFeed(settings: GuildSettings, input: { url: string; name?: string }, now: Date): Edit {
  const url = input.url.trim();
  if (settings.feeds.some((f) => f.url === url)) throw new UserError(`This server already has that feed. See /feeds list.`);
  if (settings.feeds.length >= GUILD_LIMITS.feeds) throw new UserError(`This server already has ${GUILD_LIMITS.feeds} feeds of its own, the most allowed.`);
  const name = (input.name?.trim() || new URL(url).hostname).slice(0, GUILD_LIMITS.feedNameLength);
  const id = `f${settings.nextId}`;
  return {
    settings: { ...settings, nextId: settings.nextId + 1, feeds: [...settings.feeds, { id, name, url, addedAt: now.toISOString() }] },
    message: `Added feed \`${id}\` **${name}** (${url}). Its first poll only picks up recent items; after that, every new matching item is posted.`,
  };
}

/**
 * The bot-wide cap on feeds servers add, counted as distinct URLs: a URL another server already added
 * is fetched once for all of them, so it costs nothing more and is always accepted.
 */
export function checkServerFeedRoom(all: readonly GuildSettings[], url: string, cap: number): void {
  const urls = new Set(all.flatMap((g) => g.feeds.map((f) => f.url)));
  if (urls.has(url) || urls.size < cap) return;
  throw new UserError(`This bot already polls ${cap} feeds added by servers, the most its operator allows (limits.maxServerFeeds). Ask the bot's operator, or use one of the built-in feeds.`);
}

export function removeFeed(settings: GuildSettings, feedId: string): Edit {
  const id = feedId.trim().toLowerCase();
  const feed = settings.feeds.find((f) => f.id === id);
  if (!feed) throw new UserError(`This server has no feed \`${feedId.trim()}\`. See /feeds list (built-in feeds cannot be removed).`);
  return { settings: { ...settings, feeds: settings.feeds.filter((f) => f !== feed) }, message: `Removed feed \`${feed.id}\` **${feed.name}**.` };
}
