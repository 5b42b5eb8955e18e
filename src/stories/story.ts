import { ownCopy } from '../shared/own-copy';
import type { StoryText } from './story-signature';

/** How long an item can join a story: rewrites of one piece of news arrive within two days. */
export const STORY_WINDOW_MS = 48 * 3_600_000;
/** Only the start of a summary is read (and stored): the lead says what the news is. */
export const STORY_SUMMARY_CHARS = 600;

/** One item remembered as a member of a story, as it is kept in the store. */
export interface StoryMember {
  /** The item's stable key (feed and id, see `storyItemKey`). */
  itemKey: string;
  /** The story's id: the key of the item that first told it. */
  storyId: string;
  /** When the item was recognised (ms since the epoch); it stops being a candidate `STORY_WINDOW_MS` later. */
  at: number;
  text: StoryText;
}

/** Which story an item tells. */
export interface StoryRef {
  id: string;
  /** True when an earlier item already told it (the item is a rewrite); false for the first teller. */
  joined: boolean;
}

/** The key under which an item is a story member: its feed and its id within the feed. */
export function storyItemKey(item: { feedId: string; id: string }): string {
  return `${item.feedId}:${item.id}`;
}

/** The text the recogniser reads of an item, bounded so a stored member reads exactly as it did live. */
export function storyTextOf(item: { title: string; summary: string }): StoryText {
  return { title: startOf(item.title, 300), summary: startOf(item.summary, STORY_SUMMARY_CHARS) };
}

/** The first `chars` characters, not pinning the rest: a member is remembered for 48 hours. */
function startOf(text: string, chars: number): string {
  return text.length <= chars ? text : ownCopy(text.slice(0, chars));
}
