import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord-api-types/v10';
import type { Reply } from './command-route';

/** Discord refuses message content over 2,000 characters. */
export const REPLY_CONTENT_LIMIT = 2000;

export interface ReplyPayload {
  content?: string;
  embeds: APIEmbed[];
  /** Always set, so that an edit or a page update also removes buttons the new answer has none of. */
  components: APIActionRowComponent<APIButtonComponent>[];
  /** Replies quote channels, roles and topic names; none of it may ping anyone. */
  allowedMentions: { parse: [] };
}

export function truncateText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, limit - 1)}…`;
}

/** The body of a reply or of the edit after a deferral. Content is cut as a last resort; lists fit themselves. */
export function toReplyPayload(reply: Reply): ReplyPayload {
  if (typeof reply === 'string') return { content: truncateText(reply, REPLY_CONTENT_LIMIT), embeds: [], components: [], allowedMentions: { parse: [] } };
  // An embed page replaces a plain first page on update: clear the content then, or the old text would stay.
  const content = reply.content === undefined ? '' : truncateText(reply.content, REPLY_CONTENT_LIMIT);
  return { content, embeds: reply.embeds, components: reply.components ?? [], allowedMentions: { parse: [] } };
}
