import { createHash } from 'node:crypto';
import { isEditDue, LEDGER_TTL_MS, type Story, type StoryEditJob, type StoryItemRef, type StoryLedger, type StoryOutlet } from '../stories/story-ledger';
import type { CorruptEntryReporter, KeyValue } from './key-value';
import { checkShape, ledgerStoryShape } from './stored-shapes';

const EDITS = 'story-edits';
/** Members kept per story: enough for every outlet of a big story, bounded against a feed that loops. */
const MAX_MEMBERS = 50;
/** Outlets listed per message: the line must fit an embed field (1,024 characters). */
export const MAX_ALSO_OUTLETS = 8;

/**
 * One document per story (`story-ledger:<id>`, kept LEDGER_TTL_MS after its last change), changed under
 * the story's lock (fleet-wide on Redis); the edits due are a sorted index, so a restart finds them.
 * A story of the wrong shape is reported once and counts as absent.
 */
export function createStoryLedgerStore(kv: KeyValue, onCorrupt: CorruptEntryReporter = () => {}): StoryLedger {
  const read = async (storyId: string) => checkShape<Story>(ledgerStoryShape, storyKey(storyId), await kv.get(storyKey(storyId)), onCorrupt);
  const change = <T>(storyId: string, edit: (story: Story | undefined) => { story?: Story; result: T }) =>
    kv.withLock(storyKey(storyId), async () => {
      const { story, result } = edit(await read(storyId));
      if (story) await kv.set(storyKey(storyId), story, LEDGER_TTL_MS);
      return result;
    });

  return {
    get: read,
    async recordPost(storyId, item, post, matched) {
      const edit = await change(storyId, (current) => {
        const story = withMember(current ?? newStory(storyId, item), item);
        if (story.posts.some((p) => p.channelId === post.channelId)) return { story, result: false };
        story.topics = [...new Set([...story.topics, ...matched.topics])];
        story.terms = [...new Set([...story.terms, ...matched.terms])];
        // Outlets that joined while this alert waited: the message lists them from the start (by an edit).
        const also: StoryOutlet[] = [];
        for (const { outlet } of (story.waiting ?? []).filter((w) => w.channelId === post.channelId)) {
          if (outlet.name !== item.outlet && !also.some((o) => o.name === outlet.name) && also.length < MAX_ALSO_OUTLETS) also.push(outlet);
        }
        story.waiting = (story.waiting ?? []).filter((w) => w.channelId !== post.channelId);
        story.posts.push({ guildId: post.guildId, channelId: post.channelId, messageId: post.messageId, postedAt: post.at.toISOString(), outlet: item.outlet, also, shown: 0 });
        return { story, result: also.length > 0 };
      });
      if (edit) await kv.index.add(EDITS, [{ member: JSON.stringify([storyId, post.channelId]), score: post.at.getTime() }]);
    },
    async awaitPost(storyId, item, channelIds, now) {
      await change(storyId, (current) => {
        const story = withMember(current ?? newStory(storyId, item), item);
        story.lastSeen = now.toISOString();
        const waiting = story.waiting ?? [];
        for (const channelId of channelIds) {
          if (story.posts.some((p) => p.channelId === channelId)) continue;
          if (waiting.some((w) => w.channelId === channelId && w.outlet.name === item.outlet)) continue;
          if (waiting.filter((w) => w.channelId === channelId).length < MAX_ALSO_OUTLETS) waiting.push({ channelId, outlet: { name: item.outlet, link: item.link } });
        }
        return { story: { ...story, waiting }, result: undefined };
      });
    },
    async join(storyId, item, channelIds, now) {
      const queued = await change(storyId, (current) => {
        if (!current) return { result: [] as string[] };
        const story = withMember(current, item);
        story.lastSeen = now.toISOString();
        const edited = story.posts.filter((post) => {
          if (!channelIds.includes(post.channelId) || post.refused || post.also.length >= MAX_ALSO_OUTLETS) return false;
          if (post.outlet === item.outlet || post.also.some((o) => o.name === item.outlet)) return false;
          post.also.push({ name: item.outlet, link: item.link });
          return true;
        });
        return { story, result: edited.map((p) => p.channelId) };
      });
      await kv.index.add(EDITS, queued.map((channelId) => ({ member: JSON.stringify([storyId, channelId]), score: now.getTime() })));
      return queued;
    },
    async pendingEdits() {
      const members = await kv.index.members(EDITS);
      const unreadable = members.filter((member) => parseJob(member) === undefined);
      // Reported once and dropped, rather than read (and skipped) on every round.
      unreadable.forEach((member) => onCorrupt(`index:${EDITS}:${member.slice(0, 80)}`, 'not a [storyId, channelId] pair'));
      await kv.index.remove(EDITS, unreadable);
      return members.flatMap((member) => parseJob(member) ?? []);
    },
    async updatePost(job, edit) {
      const post = await change(job.storyId, (story) => {
        const index = story?.posts.findIndex((p) => p.channelId === job.channelId) ?? -1;
        if (!story || index < 0) return { result: undefined };
        const next = edit(story.posts[index]!);
        if (next) story.posts[index] = next;
        return { story: next ? story : undefined, result: story.posts[index] };
      });
      // No story, no post, or nothing left to show: the job is over.
      if (!post || !isEditDue(post)) await kv.index.remove(EDITS, [JSON.stringify([job.storyId, job.channelId])]);
      return post;
    },
  };
}

function storyKey(storyId: string): string {
  const id = storyId.length <= 200 ? storyId : `${storyId.slice(0, 80)}#${createHash('sha256').update(storyId).digest('hex')}`;
  return `story-ledger:${id}`;
}

function newStory(id: string, item: StoryItemRef): Story {
  return { id, members: [], topics: [], terms: [], firstSeen: item.at, lastSeen: item.at, posts: [] };
}

function withMember(story: Story, item: StoryItemRef & { outlet?: string }): Story {
  const member: StoryItemRef = { feedId: item.feedId, link: item.link, title: item.title, at: item.at, ...(item.publisher ? { publisher: item.publisher } : {}) };
  const known = story.members.some((m) => m.feedId === member.feedId && m.link === member.link && m.title === member.title);
  const members = known ? story.members : [...story.members, member].slice(-MAX_MEMBERS);
  return { ...story, members, posts: story.posts.map((p) => ({ ...p, also: [...p.also] })) };
}

function parseJob(member: string): StoryEditJob | undefined {
  try {
    const value: unknown = JSON.parse(member);
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') return { storyId: value[0], channelId: value[1] };
  } catch {
    // reported by the caller
  }
  return undefined;
}

