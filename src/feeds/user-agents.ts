/** Honest bot User-Agent with a contact URL: what we send unless a feed says otherwise. */
export const DEFAULT_USER_AGENT = 'RareEarthRadar/0.1 (+https://github.com/rare-earth-radar; feed reader)';

/**
 * Browser-like User-Agent for the one retry after 401/403/406/429: some hosts (mining.com) refuse bots
 * while others (mining-technology.com) refuse browsers, so each style gets one try (feed-quirks §15).
 */
export const BROWSER_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

export function isBrowserUserAgent(userAgent: string): boolean {
  return userAgent.startsWith('Mozilla/');
}

/** The User-Agent of the other style, for the single retry. */
export function otherUserAgentStyle(userAgent: string): string {
  return isBrowserUserAgent(userAgent) ? DEFAULT_USER_AGENT : BROWSER_USER_AGENT;
}
