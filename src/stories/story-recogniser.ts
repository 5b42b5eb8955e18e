import { PART, type StorySignature } from './compact-signature';
import { compareStories } from './compare-stories';
import { signatureOf, type StoryText } from './story-signature';
import { STORY_WINDOW_MS, type StoryMember, type StoryRef } from './story';

/** The outcome for one item: its story, and the member it was found to repeat (for logs and /explain). */
export interface Recognition extends StoryRef {
  member: StoryMember;
  /** The earlier item it repeats, with the verdict, when it joined a story. */
  repeats?: { itemKey: string; score: number };
}

/**
 * Remembers the items of the last 48 hours and tells, for each new one, which story it repeats.
 * In memory; the store keeps the members so a restart or another instance can `add` them back.
 */
export interface StoryRecogniser {
  /** Joins the item to the story it repeats, else starts one named after it; remembers it. Same key, same answer. */
  recognise(item: { key: string; text: StoryText }, now: number): Recognition;
  /**
   * Files the item under a story already known to be its own (an exact duplicate of a member); remembers it.
   * Same key, same answer.
   */
  attach(item: { key: string; text: StoryText }, storyId: string, now: number): Recognition;
  /** The story of a member, when it is still remembered. */
  storyOf(itemKey: string): string | undefined;
  /** Members recognised elsewhere (the store at start, another instance): candidates from now on. Known keys are ignored. */
  add(members: readonly StoryMember[], now: number): void;
  size(): number;
}

export interface StoryRecogniserOptions {
  windowMs?: number;
  /** Members compared in full per item, those sharing the most rare words first. */
  maxCandidates?: number;
  /** Members kept at most (about 3 KB each, their text included; see compact-signature.ts); past it the oldest are forgotten first. */
  maxMembers?: number;
}

/** A word carried by more members than this says nothing about which story an item is (it is not looked up). */
const MAX_POSTING = 400;
const PRUNE_EVERY_MS = 10 * 60_000;

interface Entry {
  member: StoryMember;
  signature: StorySignature;
  /** Rare words shared with the item being recognised, valid while `round` is the current one. */
  shared: number;
  round: number;
}

/**
 * Candidates are the members sharing a rare word (a name, an element, a number, an uncommon headline word)
 * — an inverted index, so an item costs a few comparisons, not one per item of the last two days.
 * An item joins the story of the member it matches best, unless any member of that story contradicts it:
 * a chain of rewrites must not drift from one piece of news to another.
 */
export function createStoryRecogniser(options: StoryRecogniserOptions = {}): StoryRecogniser {
  const windowMs = options.windowMs ?? STORY_WINDOW_MS;
  const maxCandidates = options.maxCandidates ?? 24;
  const maxMembers = options.maxMembers ?? 10_000;
  const entries = new Map<string, Entry>();
  // Postings hold the entries themselves: counting shared words on the entry beat a Map keyed by item key
  // (a fifth of an item's cost with a full index). Words are their hashes (see hashed-words.ts). Postings
  // and stories are arrays, oldest first, not Sets: a Set costs ~50 bytes an element, and every member
  // sits in ~20 postings; members leave oldest first, so the one removed is found at the front.
  const postings = new Map<number, Entry[]>();
  const stories = new Map<string, Entry[]>();
  let lastPrune = 0;
  let round = 0;

  const insert = (member: StoryMember, signature: StorySignature) => {
    const entry: Entry = { member, signature, shared: 0, round: 0 };
    entries.set(member.itemKey, entry);
    for (const word of lookupWords(signature)) append(postings, word, entry);
    append(stories, member.storyId, entry);
    // A flood of matched items (thousands in two days) must not grow memory without bound.
    for (const oldest of entries.values()) {
      if (entries.size <= maxMembers) break;
      remove(oldest);
    }
  };
  const remove = (entry: Entry) => {
    entries.delete(entry.member.itemKey);
    for (const word of lookupWords(entry.signature)) detach(postings, word, entry);
    detach(stories, entry.member.storyId, entry);
  };
  const prune = (now: number) => {
    if (now - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = now;
    for (const entry of [...entries.values()]) if (entry.member.at < now - windowMs) remove(entry);
  };
  const candidatesOf = (lookup: readonly number[], now: number): Entry[] => {
    round++;
    // In the order first met: ties keep it (see mostShared).
    const met: Entry[] = [];
    for (const word of lookup) {
      const posting = postings.get(word);
      if (!posting || posting.length > MAX_POSTING) continue;
      for (const entry of posting) {
        if (entry.round !== round) {
          entry.round = round;
          entry.shared = 0;
          met.push(entry);
        }
        entry.shared++;
      }
    }
    return mostShared(met, maxCandidates).filter((entry) => entry.member.at >= now - windowMs);
  };
  /**
   * The best-scoring story none of whose members contradicts the item. Checking the first teller alone let
   * a distinct item that arrived first absorb the story's later rewrites, and a chain drift between news.
   */
  const bestStory = (signature: StorySignature, candidates: readonly Entry[]): { entry: Entry; score: number } | undefined =>
    candidates
      .flatMap((entry) => {
        const verdict = compareStories(signature, entry.signature);
        return verdict.same ? [{ entry, score: verdict.score }] : [];
      })
      .sort((a, b) => b.score - a.score)
      .find(({ entry }) =>
        (stories.get(entry.member.storyId) ?? []).every((other) => {
          if (other === entry) return true;
          const verdict = compareStories(signature, other.signature);
          return verdict.same || verdict.conflict === 'too-different';
        }),
      );

  return {
    recognise(item, now) {
      prune(now);
      const known = entries.get(item.key);
      if (known) return { id: known.member.storyId, joined: known.member.storyId !== item.key, member: known.member };
      const signature = signatureOf(item.text);
      const best = bestStory(signature, candidatesOf(lookupWords(signature), now));
      const storyId = best?.entry.member.storyId ?? item.key;
      const member: StoryMember = { itemKey: item.key, storyId, at: now, text: item.text };
      insert(member, signature);
      if (!best) return { id: storyId, joined: false, member };
      return { id: storyId, joined: true, member, repeats: { itemKey: best.entry.member.itemKey, score: best.score } };
    },
    attach(item, storyId, now) {
      prune(now);
      const known = entries.get(item.key);
      if (known) return { id: known.member.storyId, joined: known.member.storyId !== item.key, member: known.member };
      const member: StoryMember = { itemKey: item.key, storyId, at: now, text: item.text };
      insert(member, signatureOf(item.text));
      return { id: storyId, joined: storyId !== item.key, member };
    },
    storyOf: (itemKey) => entries.get(itemKey)?.member.storyId,
    add(members, now) {
      prune(now);
      for (const member of members) {
        if (entries.has(member.itemKey) || member.at < now - windowMs) continue;
        insert(member, signatureOf(member.text));
      }
    },
    size: () => entries.size,
  };
}

/** Adds the entry to the list under `key`: lists keep the order entries were added in. */
function append<K>(lists: Map<K, Entry[]>, key: K, entry: Entry): void {
  const list = lists.get(key);
  if (list === undefined) lists.set(key, [entry]);
  else list.push(entry);
}

/** Takes the entry off the list under `key` (found at the front when the oldest member leaves). */
function detach<K>(lists: Map<K, Entry[]>, key: K, entry: Entry): void {
  const list = lists.get(key);
  const at = list?.indexOf(entry) ?? -1;
  if (list === undefined || at < 0) return;
  if (list.length === 1) lists.delete(key);
  else if (at === 0) list.shift();
  else list.splice(at, 1);
}

/**
 * The `count` entries sharing the most words, ties in the order first met: what a stable sort by count would put
 * first, by bucketing instead. With a full index an item shares a word with thousands of members, and
 * sorting them all per item cost more than comparing the few kept.
 */
function mostShared(met: readonly Entry[], count: number): Entry[] {
  const byCount: Entry[][] = [];
  for (const entry of met) (byCount[entry.shared] ??= []).push(entry);
  const most: Entry[] = [];
  for (let n = byCount.length - 1; n > 0 && most.length < count; n--) {
    for (const key of byCount[n] ?? []) {
      if (most.length === count) break;
      most.push(key);
    }
  }
  return most;
}

/** The words an item is filed and looked up under, in its order: its facts and its uncommon headline words. */
function lookupWords(signature: StorySignature): number[] {
  return [...signature.hashesOf(PART.facts), ...signature.hashesOf(PART.lookupWords)];
}
