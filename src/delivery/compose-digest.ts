import type { Alert } from './alert';
import type { DigestGroup, DigestPart } from './digest';
import type { DigestSchedule } from '../guilds/digest-schedule';
import type { SealedDigest } from '../store/digest-store';

/**
 * Budget per message, counted pessimistically (markdown escaping may double a title): Discord allows 6,000
 * embed characters and 10 embeds per message; the rest is headroom for embed titles and the footer.
 */
const PART_BUDGET_CHARS = 4_200;
/** A topic's stories may take two embeds (4,096 characters each), so five topics fill ten. */
const MAX_GROUPS_PER_PART = 5;
/** Titles are cut to this in a digest line (an alert shows up to 256). */
export const DIGEST_TITLE_CHARS = 150;

/**
 * The digest's messages as outbox alerts, deterministic for a sealed digest: ids are (channel, due, part),
 * so composing it again after a crash yields the same alerts, which the outbox refuses twice.
 * Stories are grouped by their first topic, topics in order of their earliest story, oldest story first.
 */
export function composeDigest(sealed: SealedDigest, schedule: Pick<DigestSchedule, 'mode' | 'timeZone'>): Alert[] {
  const groups = groupByTopic(sealed);
  const parts = splitGroups(groups);
  const total = sealed.stories.length;
  const mentionRoleId = sealed.stories.find((s) => s.mentionRoleId !== undefined)?.mentionRoleId;
  return parts.map((partGroups, index): Alert => {
    const digest: DigestPart = {
      mode: schedule.mode,
      since: sealed.since,
      due: sealed.due,
      timeZone: schedule.timeZone,
      late: sealed.late,
      part: index + 1,
      parts: parts.length,
      totalStories: total + sealed.omitted,
      groups: partGroups,
    };
    // Parts are ordered by a time just after the due time, so they leave the outbox in order.
    const at = new Date(Date.parse(sealed.due) + index).toISOString();
    const id = `digest:${sealed.channelId}:${sealed.due}:${index + 1}`;
    return {
      id,
      guildId: sealed.guildId,
      channelId: sealed.channelId,
      mentionRoleId: index === 0 ? mentionRoleId : undefined,
      item: { feedId: 'digest', source: 'Digest', id, title: `${schedule.mode} digest`, summary: '', categories: [], link: '', canonicalLink: '', published: at, firstSeen: at },
      topics: partGroups.map((g) => ({ ...g.topic, terms: [] })),
      hits: [],
      createdAt: sealed.due,
      digest,
    };
  });
}

function groupByTopic(sealed: SealedDigest): DigestGroup[] {
  const ordered = [...sealed.stories].sort((a, b) => Date.parse(a.story.time) - Date.parse(b.story.time));
  const groups = new Map<string, DigestGroup>();
  for (const entry of ordered) {
    const topic = entry.topics[0] ?? { id: 'other', name: 'Other', colour: 0x99aab5 };
    const group = groups.get(topic.id) ?? { topic, stories: [] };
    group.stories.push({ ...entry.story, title: entry.story.title.slice(0, DIGEST_TITLE_CHARS) });
    groups.set(topic.id, group);
  }
  return [...groups.values()];
}

/** Greedy, in order: a part takes the next story while its estimated size and topic count allow. */
function splitGroups(groups: readonly DigestGroup[]): DigestGroup[][] {
  const parts: DigestGroup[][] = [];
  let current: DigestGroup[] = [];
  let used = 0;
  for (const group of groups) {
    for (const story of group.stories) {
      const cost = estimateLine(story);
      const last = current[current.length - 1];
      const sameGroup = last?.topic.id === group.topic.id;
      const groupsAfter = current.length + (sameGroup ? 0 : 1);
      if (current.length > 0 && (used + cost > PART_BUDGET_CHARS || groupsAfter > MAX_GROUPS_PER_PART)) {
        parts.push(current);
        current = [];
        used = 0;
      }
      const tail = current[current.length - 1];
      if (tail?.topic.id === group.topic.id) tail.stories.push(story);
      else current.push({ topic: group.topic, stories: [story] });
      used += cost;
    }
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

/** An upper bound of the story's line once escaped and formatted (see format-digest.ts). */
function estimateLine(story: DigestGroup['stories'][number]): number {
  return 2 * story.title.length + Math.min(story.link.length, 2_048) + 2 * Math.min(story.source.length, 100) + 40;
}
