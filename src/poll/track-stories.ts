import type { Logger } from '../shared/logger';
import type { StoryIndexStore } from '../store/story-index-store';
import { STORY_WINDOW_MS, storyItemKey, storyTextOf, type StoryMember } from '../stories/story';
import { createStoryRecogniser, type Recognition, type StoryRecogniser } from '../stories/story-recogniser';
import type { Echo, MatchedItem } from './matched-item';

/**
 * Tells which matched items repeat a story of the last 48 hours (another outlet's rewrite of it), so that
 * sinks alert a story once per channel. Only matched items are recognised, after matching: the matching
 * path itself is untouched, and an item no rule matched was alerted nowhere, so it has nothing to repeat.
 */
export interface StoryTracker {
  /** Each item with its story, in the order given (oldest first: the first teller founds the story). */
  assign(items: readonly MatchedItem[], now: Date): Promise<MatchedItem[]>;
  /** Records the items' story membership once the sink has accepted them. */
  remember(items: readonly MatchedItem[]): Promise<void>;
}

export interface StoryTrackerDeps {
  store: StoryIndexStore;
  logger?: Logger;
  windowMs?: number;
  recogniser?: StoryRecogniser;
}

/** The story an exact duplicate repeats: named by the seen store, or that of its teller in this poll. */
function echoedStory(recogniser: StoryRecogniser, echo: Echo): string | undefined {
  return 'storyId' in echo ? echo.storyId : recogniser.storyOf(echo.itemKey);
}

/** Re-read with each poll: the hours another instance of a fleet may have recorded into since the last one. */
const REREAD_MS = 2 * 3_600_000;

/**
 * The recogniser's index lives in memory and is filled from the store: the whole window at the first
 * poll (after a start), then the last two hours at each poll, so members another instance recorded are
 * known too. Within one poll (one `now`), feeds hand over one after another: what they record is added
 * to the index as it is recorded, so the store is read once per poll, not once per feed. A member
 * recorded twice is kept once.
 */
export function createStoryTracker(deps: StoryTrackerDeps): StoryTracker {
  const windowMs = deps.windowMs ?? STORY_WINDOW_MS;
  const recogniser = deps.recogniser ?? createStoryRecogniser({ windowMs });
  const members = new Map<MatchedItem, StoryMember>();
  let loadedUntil: number | undefined;
  const refresh = async (now: number) => {
    if (loadedUntil === now) return;
    const since = loadedUntil === undefined ? now - windowMs : Math.max(now - windowMs, loadedUntil - REREAD_MS);
    recogniser.add(await deps.store.load(since, now), now);
    loadedUntil = now;
  };
  return {
    async assign(items, now) {
      members.clear(); // a cycle whose sink failed never remembers: its items come again
      if (items.length === 0) return [];
      await refresh(now.getTime());
      const at = now.getTime();
      const tell = (matched: MatchedItem, recognition: Recognition): MatchedItem => {
        const told = { ...matched, story: { id: recognition.id, joined: recognition.joined } };
        members.set(told, recognition.member);
        return told;
      };
      // Items first, echoes after: an echo's teller may come later in the same (oldest-first) batch.
      const told = new Map<MatchedItem, MatchedItem>();
      for (const matched of items.filter((m) => !m.echo)) {
        const recognition = recogniser.recognise({ key: storyItemKey(matched.item), text: storyTextOf(matched.item) }, at);
        if (recognition.repeats) deps.logger?.debug({ item: recognition.member.itemKey, story: recognition.id, repeats: recognition.repeats }, 'item repeats a story');
        told.set(matched, tell(matched, recognition));
      }
      for (const matched of items.filter((m) => m.echo)) {
        const storyId = echoedStory(recogniser, matched.echo!);
        if (storyId === undefined) continue; // what it repeats was never told: it stays silent, as a seen item
        told.set(matched, tell(matched, recogniser.attach({ key: storyItemKey(matched.item), text: storyTextOf(matched.item) }, storyId, at)));
      }
      return items.flatMap((m) => told.get(m) ?? []);
    },
    async remember(items) {
      const recorded = items.flatMap((matched) => members.get(matched) ?? []);
      items.forEach((matched) => members.delete(matched));
      if (recorded.length === 0) return;
      await deps.store.record(recorded);
      if (loadedUntil !== undefined) recogniser.add(recorded, loadedUntil);
    },
  };
}
