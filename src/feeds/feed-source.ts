/** A feed to poll, from config or added by a server with `/feed add`. */
export interface FeedSource {
  id: string;
  name: string;
  url: string;
  /** Minimum minutes between polls of this feed; undefined = every scheduled tick. */
  intervalMinutes?: number;
  /** User-Agent override for publishers that refuse our default one. */
  userAgent?: string;
  /** Set when a Discord server added this feed: its items reach only that server. */
  guildId?: string;
}
