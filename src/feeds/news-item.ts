/** One feed entry after normalisation: plain strings only, whatever shape the feed had. */
export interface NewsItem {
  /** Feed id this item came from. */
  feedId: string;
  /** Display name of the source feed. */
  source: string;
  /**
   * Stable identity within the feed: guid, else Atom id, else rdf:about, else canonical link,
   * else a hash of title and date. Never empty.
   */
  id: string;
  /** Title: HTML stripped, entities decoded once, whitespace folded. May be "" when the feed had none. */
  title: string;
  /** Summary from description / content / content:encoded, stripped and decoded like the title. */
  summary: string;
  /** Category labels, stripped and decoded. */
  categories: string[];
  /**
   * Link to show to people: the feed's link resolved against the feed URL, made clean (cleanLink: no
   * tracking parameters or fragment, click-trackers unwrapped). "" when none.
   */
  link: string;
  /** Link for dedupe: lower-case host without www, no fragment, no tracking params, sorted query. */
  canonicalLink: string;
  /**
   * ISO 8601 publication time as given by the feed, or undefined when missing, unreadable, ambiguous or
   * more than an hour after the fetch (see pick-item-date.ts): never a guess.
   */
  published?: string;
  /** ISO 8601 time this process first saw the item (the fetch time). */
  firstSeen: string;
  /**
   * Publisher named by an aggregator item (Google News `<source>`, Bing `<News:Source>`), for display
   * and for recognising the " - Publisher" title suffix. Absent for ordinary feeds.
   */
  publisher?: string;
}

/** Publication time if known, else first-seen time: what we sort and display by. */
export function itemTime(item: NewsItem): string {
  return item.published ?? item.firstSeen;
}
