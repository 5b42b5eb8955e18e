import type { FeedSource } from '../feeds/feed-source';
import { canonicaliseLink, parseHttpUrl } from '../feeds/canonical-link';
import { activeMutes, type GuildSettings } from '../guilds/guild-settings';
import { topicsFor } from '../guilds/topic-catalog';
import type { Rule } from '../rules/rule';
import type { GuildSettingsStore } from '../store/guild-settings-store';
import type { OutboxStore } from '../store/outbox-store';
import type { SeenItem, SeenItemsStore } from '../store/seen-items-store';
import { storyItemKey } from '../stories/story';
import type { Story, StoryLedger } from '../stories/story-ledger';
import { titleFingerprint } from '../stories/story-keys';

export interface ExplainDeps {
  seenItems: SeenItemsStore;
  ledger: StoryLedger;
  guilds: GuildSettingsStore;
  outbox: Pick<OutboxStore, 'sentMessage'>;
  builtInTopics: readonly { id: string; name: string; colour: number }[];
  current(): { rules: readonly Rule[]; feeds: readonly FeedSource[] };
  now(): Date;
}

/** A title shorter than this names too little to be looked for inside others. */
const MIN_PARTIAL_CHARS = 12;

/**
 * Why the item a link or headline names was or was not sent to each of the server's channels, one line
 * each, the reasons in the order the bot applies them: seen at all → this server's feed and rules →
 * subscription broken → topic → mute → posted (or merged into a story posted earlier).
 */
export async function explainStory(deps: ExplainDeps, guildId: string, query: string): Promise<string[]> {
  const now = deps.now();
  const item = findItem(await deps.seenItems.load(now.getTime()), query);
  if (!item) return ['Not seen by any feed in the last 48 hours. Check the link or paste the exact headline; /feeds list shows the feeds read.'];
  const settings = await deps.guilds.get(guildId);
  const { rules, feeds } = deps.current();
  const feed = feeds.find((f) => f.id === item.feedId);
  const seenLine = `Seen ${timeOf(item.at)} in **${feed?.name ?? item.feedId}**: “${item.title.slice(0, 200)}”.`;
  if (feed?.guildId !== undefined && feed.guildId !== guildId) return [seenLine, 'It came from another server\'s own feed, which this server does not read.'];
  const ownRule = (ruleId: string) => {
    const rule = rules.find((r) => r.id === ruleId);
    return rule !== undefined && (rule.guildId === undefined || rule.guildId === guildId);
  };
  const matches = item.matches.filter((m) => ownRule(m.ruleId));
  if (matches.length === 0) return [seenLine, noRuleLine(item, rules.filter((r) => r.guildId === undefined || r.guildId === guildId))];
  const topicName = (id: string) => topicsFor(deps.builtInTopics, settings).find((t) => t.id === id)?.name ?? id;
  const topicIds = [...new Set(matches.map((m) => m.topicId))];
  const story = item.storyId ? await deps.ledger.get(item.storyId) : undefined;
  const lines = [seenLine, `Matched ${topicIds.map((t) => `**${topicName(t)}**`).join(', ')}.`];
  if (settings.subscriptions.length === 0) return [...lines, 'This server has no subscriptions, so it was posted nowhere.'];
  for (const channelId of [...new Set(settings.subscriptions.map((s) => s.channelId))]) {
    lines.push(`<#${channelId}>: ${await channelReason(deps, settings, channelId, topicIds, topicName, item, story, now)}`);
  }
  return lines;
}

async function channelReason(
  deps: ExplainDeps,
  settings: GuildSettings,
  channelId: string,
  topicIds: readonly string[],
  topicName: (id: string) => string,
  item: SeenItem,
  story: Story | undefined,
  now: Date,
): Promise<string> {
  const subs = settings.subscriptions.filter((s) => s.channelId === channelId);
  const broken = subs.find((s) => s.broken);
  if (broken?.broken && subs.every((s) => s.broken)) return `not sent: the subscription is broken since ${timeOf(Date.parse(broken.broken.at))} (${broken.broken.reason}).`;
  const wanted = topicIds.filter((t) => subs.some((s) => !s.broken && (s.topicId === undefined || s.topicId === t)));
  if (wanted.length === 0) return `not sent: subscribed to ${subs.map((s) => (s.topicId ? topicName(s.topicId) : 'all topics')).join(', ')}, which did not match.`;
  const mutes = activeMutes(settings, now);
  const unmuted = wanted.filter((t) => !mutes.some((m) => m.topicId === t));
  if (unmuted.length === 0) {
    const mute = mutes.find((m) => m.topicId === wanted[0]);
    return `not sent: matched **${topicName(wanted[0]!)}**, muted ${mute?.until ? `until ${timeOf(Date.parse(mute.until))}` : 'until unmuted'}.`;
  }
  const post = story?.posts.find((p) => p.channelId === channelId);
  const own = storyItemKey({ feedId: item.feedId, id: item.itemId });
  if (post) {
    const at = messageLink(post.guildId, channelId, post.messageId);
    if (story && story.id !== own) return `merged into the story “${story.members[0]?.title.slice(0, 120) ?? story.id}”, posted at ${at}.`;
    return `sent at ${at}.`;
  }
  const sent = await deps.outbox.sentMessage(`${channelId}:${item.feedId}:${item.itemId}`);
  if (sent) return `sent at ${messageLink(settings.guildId, channelId, sent.messageId)}.`;
  if (story && story.id !== own) return `merged into the story “${story.members[0]?.title.slice(0, 120) ?? story.id}”, which this channel already had or has waiting.`;
  return 'matched, but not posted: it is waiting to be sent, or it was published before the subscription began.';
}

/** The newest item whose link (canonicalised) or headline is the one asked about. */
function findItem(items: readonly SeenItem[], query: string): SeenItem | undefined {
  const text = query.trim();
  const url = parseHttpUrl(text);
  const newestFirst = [...items].reverse();
  if (url) {
    const canonical = canonicaliseLink(url.href);
    return newestFirst.find((i) => i.canonicalLink === canonical || i.link === text);
  }
  const wanted = titleFingerprint(text);
  if (wanted.length === 0) return undefined;
  return (
    newestFirst.find((i) => titleFingerprint(i.title) === wanted) ??
    (wanted.length >= MIN_PARTIAL_CHARS ? newestFirst.find((i) => titleFingerprint(i.title).includes(wanted)) : undefined)
  );
}

/** "No rule matched", with the rule sharing the most words with the headline, if any does. */
function noRuleLine(item: SeenItem, rules: readonly Rule[]): string {
  const words = new Set(item.title.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2));
  const scored = rules
    .map((rule) => ({ rule, shared: rule.expression.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2 && words.has(w)).length }))
    .filter((r) => r.shared > 0)
    .sort((a, b) => b.shared - a.shared);
  const closest = scored[0]?.rule;
  return closest
    ? `No rule of this server matched it. Closest: \`${closest.id}\` (${closest.topicId}): \`${closest.expression.slice(0, 200)}\`.`
    : 'No rule of this server matched it, and none shares a word with its headline.';
}

function timeOf(ms: number): string {
  return `<t:${Math.floor(ms / 1000)}:R>`;
}

function messageLink(guildId: string, channelId: string, messageId: string): string {
  return `https://discord.com/channels/${guildId}/${channelId}/${messageId}`;
}
