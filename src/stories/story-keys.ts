import { createHash } from 'node:crypto';

const HOUR_MS = 3_600_000;
/** The same headline from two outlets within this window is one story. */
export const TITLE_WINDOW_MS = 48 * HOUR_MS;
/** Shorter fingerprints ("Market update") are too generic to dedupe across sources. */
const MIN_FINGERPRINT_LENGTH = 24;

/**
 * Longer keys are stored as their start plus a hash of the whole. Every key is kept for weeks (and
 * copied into the outbox index), so its length is paid many times; the hash keeps it stable, so the
 * same long id or link is still recognised. Real ids and links are far shorter and stay readable.
 */
export const MAX_PLAIN_KEY_CHARS = 512;

/**
 * A key identifying a story (feed item, canonical link, title fingerprint, recognised story) and how long
 * it counts: the one type the seen store, the outbox and routing share.
 */
export interface StoryKey {
  key: string;
  ttlMs: number;
}

/** What the keys are made of: an item's feed and id, canonical link and title. */
export interface StoryKeyItem {
  feedId: string;
  id: string;
  canonicalLink: string;
  title: string;
}

/**
 * Every key under which an item is remembered. Primary: feed + id (stable within a feed).
 * Secondary, global across feeds: canonical link, and a title fingerprint for 48 h — these catch the
 * same story in several feeds and a feed that re-issues an item under a new guid. `scope` (a server id)
 * confines the secondary keys to that server.
 */
export function storyKeysOf(item: StoryKeyItem, seenTtlMs: number, scope?: string): StoryKey[] {
  // A server's own feed must not hide a story from everyone else, so its secondary keys are its own.
  const prefix = scope ? `${scope}:` : '';
  const keys: StoryKey[] = [{ key: `item:${item.feedId}:${item.id}`, ttlMs: seenTtlMs }];
  if (item.canonicalLink) keys.push({ key: `${prefix}link:${item.canonicalLink}`, ttlMs: seenTtlMs });
  const fingerprint = titleFingerprint(item.title);
  if (fingerprint.length >= MIN_FINGERPRINT_LENGTH) {
    keys.push({ key: `${prefix}title:${fingerprint}`, ttlMs: Math.min(TITLE_WINDOW_MS, seenTtlMs) });
  }
  return keys.map(({ key, ttlMs }) => ({ key: boundKey(key), ttlMs }));
}

/** The key itself when short, else its start and a hash of the whole: at most MAX_PLAIN_KEY_CHARS. */
export function boundKey(key: string): string {
  if (key.length <= MAX_PLAIN_KEY_CHARS) return key;
  const head = key.slice(0, 100).replace(/[\uD800-\uDBFF]$/, ''); // never half a surrogate pair
  return `${head}#sha256:${createHash('sha256').update(key).digest('hex')}`;
}

/**
 * Lower-case letters and digits of the title, without an aggregator's " - Publisher" suffix
 * (Google News appends it, so the same story from two publishers' feeds would otherwise differ).
 */
export function titleFingerprint(title: string): string {
  const withoutPublisher = title.replace(/\s+[-–—|]\s+[^-–—|]{1,60}$/u, '');
  return withoutPublisher
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * The recognised story (see poll/track-stories.ts) as one more key: a channel given the story by one
 * outlet is not given another outlet's rewrite of it within `windowMs`.
 */
export function recognisedStoryKey(storyId: string, windowMs: number): StoryKey {
  return { key: `story:${storyId}`, ttlMs: windowMs };
}
