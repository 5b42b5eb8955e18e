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
  /** Where `/subscribe` was last run: a health notice goes there when the server has no system channel. */
  noticeChannelId?: string;
  /** Health notices posted (or attempted) recently, newest last; at most one per cause per day. */
  notices?: HealthNotice[];
}

/** How a channel receives its alerts. Set per channel: every subscription of a channel shares it. */
export interface Delivery {
  /** undefined = instant. */
  mode?: 'instant' | 'hourly' | 'daily';
  /** Daily digests: local "HH:MM". */
  at?: string;
  /** Digests: IANA zone of `at` and of the hours; undefined = UTC. */
  timeZone?: string;
  /** Instant alerts as one line each (title link, source, topics) instead of an embed. */
  compact?: boolean;
  /** Set when the channel left a digest mode: the stories it had buffered go out as one last digest. */
  endedDigest?: { mode: 'hourly' | 'daily'; timeZone?: string; at: string };
}

/** A message the bot posted in a server to say its alerts stopped, and why. */
export interface HealthNotice {
  /** What it is about, e.g. `broken:<channel id>` or `feed:<feed id>`: one notice per cause per day. */
  cause: string;
  at: string;
  text: string;
  /** Where it was posted; undefined when no channel would take it. */
  channelId?: string;
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
  /** The channel's delivery (absent = instant, with embeds). */
  delivery?: Delivery;
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
