/**
 * Posts a health notice in a server: in its system channel first when `preferSystemChannel`, else in the
 * first of `channelIds` the bot can post in. Resolves to the channel used, or undefined when none would
 * take it. Never throws. Implemented over discord.js in discord/.
 */
export interface NoticePoster {
  post(guildId: string, target: NoticeTarget, text: string): Promise<string | undefined>;
}

export interface NoticeTarget {
  /** Identifies this notice (cause and time): a post resent after a lost answer carries the same nonce. */
  id: string;
  preferSystemChannel: boolean;
  channelIds: readonly string[];
  /** The channel the notice is about, which cannot take it. */
  avoid?: string;
}
