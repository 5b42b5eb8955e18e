import type { FeedSource } from '../feeds/feed-source';
import type { NewsItem } from '../feeds/news-item';
import type { FeedState } from '../store/feed-state-store';
import { hash53 } from '../shared/hash53';
import type { SeenMark, SeenOrigin, SeenStore } from '../store/seen-store';
import { STORY_WINDOW_MS } from '../stories/story';
import { storyKeysOf, type StoryKey } from '../stories/story-keys';
import type { Echo } from './matched-item';
import { distrustDuplicateIds, storyOf } from './distrust-duplicate-ids';
import { parseNewItems, type NewItemsParse } from './parse-new-items';
import { pollFeed, type FeedPollDeps, type FeedPollResult } from './poll-feed';
import { itemIdentity, type FeedMemory, type RecentItems, type RememberedItem } from './recent-items';
import { splitFirstPoll, type FirstPollLimits } from './select-new-items';

export interface Candidate {
  item: NewsItem;
  /** The keys to mark seen (an echo's: only those not known yet, so the first teller stays its origin). */
  keys: StoryKey[];
  /** Set when another feed already told this exact link or headline: the item may only join that story. */
  echo?: Echo;
}

/** A feed's poll, reduced as soon as it is parsed to what the rest of the cycle needs. */
export interface PolledFeed {
  result: FeedPollResult;
  /** Items the feed served, parsed or not (for the report). */
  itemCount: number;
  /** New items to match: neither served at the feed's last poll, nor seen, nor a first poll's backlog. */
  candidates: Candidate[];
  /** The keys of a first poll's backlog, marked seen without an alert. */
  seeded: StoryKey[][];
  /** All the feed's items, remembered once the cycle has marked them seen. */
  remembered: RememberedItem[];
}

export interface SiftDeps {
  /** Its fetchFeed takes the fetch slots (see cycle-fetcher.ts). */
  feedPoll: FeedPollDeps;
  seen: SeenStore;
  recentItems?: RecentItems;
  limits: FirstPollLimits & { seenTtlDays: number };
}

/**
 * Polls one feed and sifts its items at once — known from its last poll, seen, first-poll backlog — so
 * that a cycle over hundreds of feeds holds only their new items until it ends, not every item parsed.
 */
export async function pollAndSift(deps: SiftDeps, feed: FeedSource, state: FeedState | undefined, now: Date, signal?: AbortSignal): Promise<PolledFeed> {
  // pollFeed parses through this; what the cut learned about the feed's items is kept for `reduce`.
  // The memory is asked for only there: a 304 or a failed fetch needs none (and none is read from the store).
  let cut: NewItemsParse | undefined;
  let memory: FeedMemory | undefined;
  const feedPoll: FeedPollDeps = {
    ...deps.feedPoll,
    parseFeed: async (text, source, at) => {
      memory = await deps.recentItems?.of(feed.id, state?.lastSuccessAt);
      cut = await parseNewItems(deps.feedPoll.parseFeed, text, source, at, memory);
      return cut.outcome;
    },
  };
  const result = await pollFeed(feed, state, feedPoll, now, signal);
  const polled = reduce(result, cut, memory, deps.limits.seenTtlDays * 86_400_000);
  // Most feeds have no candidate (a 304, or only items served last time): no lookup to wait in line for.
  const marks = polled.candidates.length === 0 ? [] : await deps.seen.lookup(polled.candidates.map((c) => c.keys.map((k) => k.key)));
  const unseen = polled.candidates.flatMap((c, i) => siftSeen(c, marks[i] ?? [], feed.id, now));
  if (state?.firstPolledAt) return { ...polled, candidates: unseen };
  const isFresh = new Set(splitFirstPoll(unseen.map((c) => c.item), deps.limits, now).fresh);
  return { ...polled, candidates: unseen.filter((c) => isFresh.has(c.item)), seeded: unseen.filter((c) => !isFresh.has(c.item)).map((c) => c.keys) };
}

/**
 * An unseen item goes on; a seen one stops — unless only its link or headline is known, and from an alerted
 * item of ANOTHER feed in the story window: then it is an echo, another outlet carrying the same story, and
 * goes on to join it. Its own feed re-serving an item (new guid, same link) stays silent.
 */
function siftSeen(candidate: Candidate, marks: readonly SeenMark[], feedId: string, now: Date): Candidate[] {
  if (marks.every((m) => m === undefined)) return [candidate];
  if (marks[0] !== undefined) return []; // the feed's own item key (storyKeysOf puts it first)
  const origins = marks.filter((m): m is SeenOrigin => typeof m === 'object');
  if (origins.some((o) => o.feedId === feedId)) return [];
  const told = origins.find((o) => now.getTime() - o.at < STORY_WINDOW_MS);
  if (!told) return [];
  return [{ item: candidate.item, keys: candidate.keys.filter((_, k) => marks[k] === undefined), echo: { storyId: told.storyId } }];
}

function isRemembered(memory: FeedMemory | undefined, item: RememberedItem | undefined): boolean {
  return item !== undefined && memory?.hasIdentity(item.identity) === true;
}

/** Keys the parsed items; candidates are those the feed did not serve at its last poll. */
function reduce(result: FeedPollResult, cut: NewItemsParse | undefined, memory: FeedMemory | undefined, ttlMs: number): PolledFeed {
  const all = distrustDuplicateIds(result.items).map((item) => ({ item, keys: storyKeysOf(item, ttlMs, result.feed.guildId) }));
  const parsed = all.map((candidate, i): RememberedItem => {
    const original = result.items[i] ?? candidate.item;
    const rawKey = cut?.rawKeys?.[i];
    return { identity: itemIdentity(candidate.keys), id: hash53(original.id), story: hash53(storyOf(original)), ...(rawKey === undefined ? {} : { rawKey }) };
  });
  const unchanged = cut?.unchanged ?? [];
  return {
    result: { ...result, items: [] },
    itemCount: all.length + unchanged.length,
    candidates: all.filter((_, i) => !isRemembered(memory, parsed[i])),
    seeded: [],
    remembered: [...parsed, ...unchanged],
  };
}

