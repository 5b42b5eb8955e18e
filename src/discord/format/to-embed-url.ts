import { DiscordLimit } from './discord-limits';

/**
 * The item link as an embed url, or undefined when it must not be one: only absolute http(s) URLs
 * (never `javascript:`, `data:` or relative links), serialised by WHATWG URL so it has no raw
 * spaces or controls, and at most 2,048 characters as Discord requires.
 */
export function toEmbedUrl(link: string): string | undefined {
  const trimmed = link.trim();
  // URL.canParse, not try/catch: no exception for the common case of a feed with a bad link.
  if (!URL.canParse(trimmed)) return undefined;
  const url = new URL(trimmed);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.hostname === '') return undefined;
  return url.href.length <= DiscordLimit.url ? url.href : undefined;
}
