import { Routes, type APIEmbed, type APIMessage } from 'discord.js';
import type { DeliveryRest } from './gated-rest';
import type { Alert } from '../delivery/alert';
import type { PostedCheck } from '../delivery/alert-sender';
import { classifySendError } from './classify-send-error';
import { buildAlertEmbed } from './format/build-alert-embed';
import { packAlerts } from './format-alert';

/** What the sender knows of the bot itself, from the gateway's cache. */
export interface HistoryOptions {
  /** The bot's user id once logged in: only its own messages count. */
  botUserId?: () => string | undefined;
  /**
   * false when the bot lacks Read Message History in the channel. Discord then answers the read with no
   * messages (or 403), which would read as "not posted"; asked first, it is reported as unreadable.
   */
  canReadHistory?: (channelId: string) => boolean | undefined;
}

const DISCORD_EPOCH_MS = 1_420_070_400_000n;
/** Our clock and Discord's may disagree; reading from a little earlier costs nothing. */
const CLOCK_SKEW_MS = 5 * 60_000;
const PAGE_SIZE = 100;
/** A channel busier than this many messages since the first try is not read further: the alert is resent. */
const MAX_PAGES = 5;

/**
 * Looks through the channel's messages since `since` (the attempt's first try) for one of ours carrying
 * exactly these alerts: the same embeds, titled and timed the same, in the same order. A story is posted
 * once per channel, so its embed is the marker; nothing extra is shown to readers.
 */
export async function findPostedMessage(rest: DeliveryRest, alerts: readonly Alert[], since: Date, options: HistoryOptions & { signal?: AbortSignal }): Promise<PostedCheck> {
  const channelId = alerts[0]?.channelId;
  if (channelId === undefined) return { kind: 'absent' };
  if (options.canReadHistory?.(channelId) === false) return { kind: 'unreadable', reason: 'missing the Read Message History permission' };
  let expected: APIEmbed[];
  // Digests and compact alerts are known by their whole text (a header with the period, the lines).
  let expectedContent: string | undefined;
  try {
    const textual = alerts.some((a) => a.digest !== undefined || a.compact === true);
    const body = textual ? packAlerts(alerts)[0]?.body : undefined;
    expected = body ? (body.embeds ?? []) : alerts.map(buildAlertEmbed);
    expectedContent = body?.content;
  } catch {
    return { kind: 'absent' }; // it cannot be formatted, so it was never posted
  }
  const botId = options.botUserId?.();
  let after = snowflakeAt(since.getTime() - CLOCK_SKEW_MS);
  for (let page = 0; page < MAX_PAGES; page++) {
    let messages: APIMessage[];
    try {
      const query = new URLSearchParams({ after, limit: String(PAGE_SIZE) });
      messages = (await rest.get(Routes.channelMessages(channelId), { query, signal: options.signal })) as APIMessage[];
    } catch (error: unknown) {
      // 403 (no access to the history) or 404 (the channel went): cannot tell; the resend will say more.
      const result = classifySendError(error);
      if (result.kind === 'transient') return result;
      return { kind: 'unreadable', reason: result.kind === 'sent' ? 'unexpected answer' : result.reason };
    }
    const ours = messages.find((m) => m.author.bot === true && (botId === undefined || m.author.id === botId) && carries(m.embeds, expected) && (expectedContent === undefined || m.content.trim() === expectedContent.trim()));
    if (ours) return { kind: 'found', messageId: ours.id };
    if (messages.length < PAGE_SIZE) return { kind: 'absent' };
    after = messages.map((m) => BigInt(m.id)).reduce((a, b) => (a > b ? a : b)).toString();
  }
  return { kind: 'absent' };
}

/** The first snowflake of a millisecond: `after` it means "posted from then on". */
export function snowflakeAt(ms: number): string {
  const sinceEpoch = BigInt(Math.max(0, Math.floor(ms))) - DISCORD_EPOCH_MS;
  return (sinceEpoch > 0n ? sinceEpoch << 22n : 0n).toString();
}

function carries(embeds: readonly APIEmbed[], expected: readonly APIEmbed[]): boolean {
  return embeds.length === expected.length && expected.every((want, i) => sameEmbed(embeds[i]!, want));
}

/** Discord may trim text and rewrite a timestamp's or a URL's spelling; what they say must agree. */
function sameEmbed(got: APIEmbed, want: APIEmbed): boolean {
  if ((got.title ?? '').trim() !== (want.title ?? '').trim()) return false;
  if (Date.parse(got.timestamp ?? '') !== Date.parse(want.timestamp ?? '') && (got.timestamp !== undefined || want.timestamp !== undefined)) return false;
  return got.url === undefined || want.url === undefined || normaliseUrl(got.url) === normaliseUrl(want.url);
}

function normaliseUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}
