/**
 * Posts a health notice in a server: in its system channel first when `preferSystemChannel`, else in the
 * first of `channelIds` the bot can post in. Resolves to the channel used, or undefined when none would
 * take it. Never throws. Implemented over discord.js in discord/.
 */
export interface NoticePoster {
  post(guildId: string, target: { preferSystemChannel: boolean; channelIds: readonly string[]; avoid?: string }, text: string): Promise<string | undefined>;
}
