/** Discord's message and embed limits (docs: resources/message, "Embed Limits"); a body over any of them gets a 400. */
export const DiscordLimit = {
  content: 2000,
  embedsPerMessage: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  url: 2048,
  /** Title + description + field names and values + footer text + author name, summed over all embeds. */
  totalEmbedChars: 6000,
  allowedMentionRoles: 100,
} as const;

export const ELLIPSIS = '…';
