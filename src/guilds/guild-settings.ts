/**
 * Everything one Discord server configured. Stored as one document per server, so a command changes
 * one server's settings atomically and servers never see each other's.
 */
export interface GuildSettings {
  guildId: string;
  subscriptions: Subscription[];
  rules: GuildRule[];
  topics: GuildTopic[];
  mutes: Mute[];
  feeds: GuildFeed[];
  /** Counter for short, readable ids (`r3`, `f2`) unique within the server. */
  nextId: number;
}

export interface Subscription {
  channelId: string;
  /** undefined = every topic this server can see. */
  topicId?: string;
  mentionRoleId?: string;
  /** The channel is a forum (recorded at /subscribe; a channel's type never changes to or from forum). */
  forum?: boolean;
  createdAt: string;
  /** Set when Discord refused a post for good (403/404): the subscription stops receiving alerts. */
  broken?: { reason: string; at: string };
}

/** A keyword rule a server added with `/rule add`; it only ever fires for that server. */
export interface GuildRule {
  id: string;
  topicId: string;
  expression: string;
  createdAt: string;
}

/** A topic a server created by naming it in `/rule add`. */
export interface GuildTopic {
  id: string;
  name: string;
  colour: number;
}

export interface Mute {
  topicId: string;
  /** ISO time the mute ends; undefined = until `/unmute`. */
  until?: string;
  createdAt: string;
}

/** An extra feed a server added with `/feed add`; its items reach only that server. */
export interface GuildFeed {
  id: string;
  name: string;
  url: string;
  addedAt: string;
}

export function emptyGuildSettings(guildId: string): GuildSettings {
  return { guildId, subscriptions: [], rules: [], topics: [], mutes: [], feeds: [], nextId: 1 };
}

/** Mutes still in force at `now`; an expired mute no longer counts, even before anyone cleans it up. */
export function activeMutes(settings: GuildSettings, now: Date): Mute[] {
  return settings.mutes.filter((m) => m.until === undefined || Date.parse(m.until) > now.getTime());
}

/** The poller's id for a server's feed: unique across servers and distinct from config ids. */
export function guildFeedSourceId(guildId: string, feedId: string): string {
  return `guild-${guildId}-${feedId}`;
}

/** The rule set's id for a server's rule, so a match can be traced back to its server. */
export function guildRuleId(guildId: string, ruleId: string): string {
  return `guild-${guildId}/${ruleId}`;
}
