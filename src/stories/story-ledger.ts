/** How long the ledger remembers a story: longer than any window in which a later item could join it. */
export const LEDGER_TTL_MS = 8 * 86_400_000;

/** An outlet that carried a story: shown as "Also reported by: <name> (link)". */
export interface StoryOutlet {
  name: string;
  link: string;
}

/** One item of a story, as the ledger keeps it. */
export interface StoryItemRef {
  feedId: string;
  link: string;
  title: string;
  publisher?: string;
  /** ISO time the item was published (or first seen). */
  at: string;
}

/** One Discord message carrying the story in one channel, and the outlets it lists besides the first. */
export interface StoryPost {
  guildId: string;
  channelId: string;
  messageId: string;
  postedAt: string;
  /** The outlet of the alert posted. */
  outlet: string;
  /** Later outlets, in the order they joined: what the message should list. */
  also: StoryOutlet[];
  /** How many of `also` the message shows already (an edit is due while fewer). */
  shown: number;
  edit?: { attempts: number; notBefore?: string; lastError?: string; lastEditAt?: string };
  /** Discord refused an edit for good (message deleted, access removed): never edited again. */
  refused?: { reason: string; at: string };
}

/** One story: the items that told it and where it was posted. */
export interface Story {
  id: string;
  members: StoryItemRef[];
  topics: string[];
  terms: string[];
  firstSeen: string;
  lastSeen: string;
  posts: StoryPost[];
  /** Outlets that joined while the story's alert still waited to be posted in a channel: listed once it is. */
  waiting?: { channelId: string; outlet: StoryOutlet }[];
}

/** An edit due on one message: its story, its channel. */
export interface StoryEditJob {
  storyId: string;
  channelId: string;
}

/**
 * The stories posted, per channel the message that carries each: so that a later item telling one of them
 * (another outlet's rewrite) edits that message instead of being dropped, after a restart too.
 */
export interface StoryLedger {
  get(storyId: string): Promise<Story | undefined>;
  /** Records the message that carries the story in a channel (idempotent per channel). */
  recordPost(storyId: string, item: StoryItemRef & { outlet: string }, post: { guildId: string; channelId: string; messageId: string; at: Date }, matched: { topics: string[]; terms: string[] }): Promise<void>;
  /**
   * A later item joins the story: remembered as a member; each given channel whose message neither names
   * its outlet nor was refused gets an edit queued. Returns the channels an edit was queued for.
   */
  join(storyId: string, item: StoryItemRef & { outlet: string }, channelIds: readonly string[], now: Date): Promise<string[]>;
  /**
   * A later item joins a story whose alert is still waiting in these channels (not posted yet): its outlet
   * is added to the message when the post is recorded.
   */
  awaitPost(storyId: string, item: StoryItemRef & { outlet: string }, channelIds: readonly string[], now: Date): Promise<void>;
  /** Edits queued, in the order they were queued. */
  pendingEdits(): Promise<StoryEditJob[]>;
  /** Updates one post under the story's lock; `undefined` from `change` leaves it as it is. Ends the job when no edit is due any more. */
  updatePost(job: StoryEditJob, change: (post: StoryPost) => StoryPost | undefined): Promise<StoryPost | undefined>;
}

/** Whether the post's message should be edited: outlets not shown yet, and Discord has not refused it. */
export function isEditDue(post: StoryPost): boolean {
  return post.refused === undefined && post.shown < post.also.length;
}
