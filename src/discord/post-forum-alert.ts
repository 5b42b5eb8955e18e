import { Routes, type APIThreadChannel, type APIThreadList } from 'discord.js';
import type { DeliveryRest } from './gated-rest';
import type { Alert } from '../delivery/alert';
import type { PostedCheck, SendResult } from '../delivery/alert-sender';
import { classifySendError } from './classify-send-error';
import { snowflakeAt } from './find-posted-message';
import { formatAlertMessage } from './format-alert';
import { errorMessage } from '../shared/errors';

/** Discord's limits on a forum post: its title, and how many of the forum's tags it may carry. */
const THREAD_NAME_MAX = 100;
const APPLIED_TAGS_MAX = 5;
const CLOCK_SKEW_MS = 5 * 60_000;
const ARCHIVED_PAGE = 50;

/** The post's title: the headline, cut to Discord's 100 characters (never empty). */
export function forumPostName(alert: Alert): string {
  const title = alert.item.title.trim() || alert.item.source.trim() || 'News alert';
  const chars = [...title];
  return chars.length <= THREAD_NAME_MAX ? title : `${chars.slice(0, THREAD_NAME_MAX - 1).join('')}…`;
}

/** The forum's tags whose name is one of the alert's topics (case-insensitive), at most five; none is created. */
export function matchingTags(alert: Alert, tags: readonly { id: string; name: string }[]): string[] {
  const topics = new Set(alert.topics.map((t) => t.name.trim().toLowerCase()));
  return tags.filter((tag) => topics.has(tag.name.trim().toLowerCase())).slice(0, APPLIED_TAGS_MAX).map((tag) => tag.id);
}

/**
 * Posts an alert as a new post of a forum: POST /channels/{forum}/threads, titled with the headline, its
 * first message the alert itself. The forum is read first for its tags, so tags renamed or added since
 * /subscribe count. In a forum the first message's id is the post's (thread's) id.
 */
export async function postForumAlert(rest: DeliveryRest, alert: Alert, { signal }: { signal?: AbortSignal } = {}): Promise<SendResult> {
  let message: ReturnType<typeof formatAlertMessage>;
  try {
    message = formatAlertMessage(alert);
  } catch (error: unknown) {
    return { kind: 'rejected', reason: `could not format the alert: ${errorMessage(error)}` };
  }
  try {
    const forum = (await rest.get(Routes.channel(alert.channelId), { signal })) as { available_tags?: { id: string; name: string }[] };
    const appliedTags = matchingTags(alert, forum.available_tags ?? []);
    const body = { name: forumPostName(alert), message, ...(appliedTags.length > 0 ? { applied_tags: appliedTags } : {}) };
    const thread = (await rest.post(Routes.threads(alert.channelId), { body, signal })) as APIThreadChannel & { message?: { id: string } };
    return { kind: 'sent', messageId: thread.message?.id ?? thread.id };
  } catch (error: unknown) {
    return classifySendError(error);
  }
}

/**
 * Thread creation takes no nonce, so a post whose answer was lost is looked for before every resend: a
 * post of this forum, by the bot, titled as ours, created since the first try (the channel's queue waits
 * on it, so no later post of ours can carry the title). Active posts first, then the latest archived ones.
 */
export async function findForumPost(rest: DeliveryRest, alert: Alert, since: Date, options: { botUserId?: () => string | undefined; signal?: AbortSignal }): Promise<PostedCheck> {
  const name = forumPostName(alert);
  const after = BigInt(snowflakeAt(since.getTime() - CLOCK_SKEW_MS));
  const botId = options.botUserId?.();
  const ours = (t: APIThreadChannel) =>
    t.parent_id === alert.channelId && t.name === name && BigInt(t.id) >= after && (botId === undefined || t.owner_id === botId);
  try {
    const active = (await rest.get(Routes.guildActiveThreads(alert.guildId), { signal: options.signal })) as APIThreadList;
    const found = (active.threads as APIThreadChannel[]).find(ours);
    if (found) return { kind: 'found', messageId: found.id };
    const query = new URLSearchParams({ limit: String(ARCHIVED_PAGE) });
    const archived = (await rest.get(Routes.channelThreads(alert.channelId, 'public'), { query, signal: options.signal })) as APIThreadList;
    const old = (archived.threads as APIThreadChannel[]).find(ours);
    return old ? { kind: 'found', messageId: old.id } : { kind: 'absent' };
  } catch (error: unknown) {
    const result = classifySendError(error);
    if (result.kind === 'transient') return result;
    return { kind: 'unreadable', reason: result.kind === 'sent' ? 'unexpected answer' : result.reason };
  }
}
