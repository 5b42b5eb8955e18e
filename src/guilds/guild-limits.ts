/** Per-server caps: they keep one server from making every poll slow or the store huge. */
export const GUILD_LIMITS = {
  subscriptions: 50,
  rules: 100,
  topics: 25,
  mutes: 50,
  feeds: 20,
  expressionLength: 500,
  topicNameLength: 60,
  feedNameLength: 80,
  urlLength: 2000,
} as const;
