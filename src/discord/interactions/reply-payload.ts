import type { APIEmbed } from 'discord-api-types/v10';
import type { Reply } from './command-route';

/** Discord refuses message content over 2,000 characters. */
export const REPLY_CONTENT_LIMIT = 2000;

export interface ReplyPayload {
  content?: string;
  embeds: APIEmbed[];
  /** Replies quote channels, roles and topic names; none of it may ping anyone. */
  allowedMentions: { parse: [] };
}

export function truncateText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, limit - 1)}…`;
}

/** The body of a reply or of the edit after a deferral. Content is cut as a last resort; lists fit themselves. */
export function toReplyPayload(reply: Reply): ReplyPayload {
  if (typeof reply === 'string') return { content: truncateText(reply, REPLY_CONTENT_LIMIT), embeds: [], allowedMentions: { parse: [] } };
  const content = reply.content === undefined ? undefined : truncateText(reply.content, REPLY_CONTENT_LIMIT);
  return { content, embeds: reply.embeds, allowedMentions: { parse: [] } };
}
