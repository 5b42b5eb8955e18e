import { z, type Shape } from './shape';
import type { CorruptEntryReporter } from './key-value';

/**
 * Shapes of what the repositories read back. An entry that is valid JSON but not the shape the code
 * relies on (a manual edit, a half-migrated document) would otherwise throw deep inside a poll or a
 * send, on every tick: checked here, it is reported once per read and treated as absent instead.
 * Objects are loose (unknown fields kept) and only what the code dereferences is required.
 */
const text = z.string();
const optionalText = z.string().optional();

const subscription = z.looseObject({
  channelId: text,
  topicId: optionalText,
  mentionRoleId: optionalText,
  createdAt: optionalText,
  broken: z.looseObject({ reason: text, at: text }).optional(),
});

export const guildSettingsShape = z.looseObject({
  guildId: text,
  subscriptions: z.array(subscription),
  rules: z.array(z.looseObject({ id: text, topicId: text, expression: text })),
  topics: z.array(z.looseObject({ id: text, name: text, colour: z.number() })),
  mutes: z.array(z.looseObject({ topicId: text, until: optionalText })),
  feeds: z.array(z.looseObject({ id: text, name: text, url: text })),
  nextId: z.number(),
});

export const stringListShape = z.array(text);

export const feedStateShape = z.looseObject({
  consecutiveFailures: z.number(),
  etag: optionalText,
  lastModified: optionalText,
  firstPolledAt: optionalText,
  lastAttemptAt: optionalText,
  lastSuccessAt: optionalText,
  lastError: optionalText,
  failingSince: optionalText,
  nextAttemptAt: optionalText,
  longFailureReportedAt: optionalText,
});

const storyKey = z.looseObject({ key: text, ttlMs: z.number() });

const newsItem = z.looseObject({
  feedId: text,
  source: text,
  id: text,
  title: text,
  summary: text,
  categories: z.array(text),
  link: text,
  canonicalLink: text,
  published: optionalText,
  firstSeen: text,
  publisher: optionalText,
});

export const outboxEntryShape = z.looseObject({
  alert: z.looseObject({
    id: text,
    guildId: text,
    channelId: text,
    mentionRoleId: optionalText,
    item: newsItem,
    topics: z.array(z.looseObject({ id: text, name: text, colour: z.number(), terms: z.array(text) })).min(1),
    hits: z.array(z.looseObject({ term: text, field: text, index: z.number(), start: z.number(), end: z.number() })),
    createdAt: text,
  }),
  attempts: z.number(),
  notBefore: optionalText,
  lastError: optionalText,
  storyKeys: z.array(storyKey).optional(),
});

export const sendAttemptShape = z.looseObject({ alertIds: z.array(text).min(1), nonce: text, firstTriedAt: text });

export const sentMessageShape = z.looseObject({ channelId: text, messageId: text, sentAt: text });

export const alertWhyShape = z.looseObject({
  guildId: text,
  title: text,
  link: optionalText,
  feedId: text,
  feedName: text,
  published: optionalText,
  topics: z.array(z.looseObject({ id: text, name: text, terms: z.array(text), ruleIds: z.array(text) })),
});

/** The one-document outbox index of earlier versions, read once to move it to the sorted index. */
export const outboxIndexShape = z.array(z.looseObject({ id: text, time: text, keys: z.array(text).optional(), channelId: optionalText }));

/** One hour's story members (story-index-store.ts); each member is checked on its own. */
export const storyBucketShape = z.array(z.unknown());
export const storyMemberShape = z.looseObject({
  itemKey: text,
  storyId: text,
  at: z.number(),
  text: z.looseObject({ title: text, summary: text }),
});

/** A story of the ledger (story-ledger-store.ts): what edits and /explain dereference. */
export const ledgerStoryShape = z.looseObject({
  id: text,
  members: z.array(z.looseObject({ feedId: text, link: text, title: text, at: text })),
  topics: z.array(text),
  terms: z.array(text),
  firstSeen: text,
  lastSeen: text,
  posts: z.array(
    z.looseObject({
      guildId: text,
      channelId: text,
      messageId: text,
      postedAt: text,
      outlet: text,
      also: z.array(z.looseObject({ name: text, link: text })),
      shown: z.number(),
    }),
  ),
});

/** One matched story kept for /recent and backfill (recent-matches-store.ts). */
export const recentMatchShape = z.looseObject({
  storyId: text,
  at: z.number(),
  item: newsItem,
  matches: z.array(
    z.looseObject({
      ruleId: text,
      topicId: text,
      terms: z.array(text),
      hits: z.array(z.looseObject({ term: text, field: text, index: z.number(), start: z.number(), end: z.number() })),
    }),
  ),
});

/** One item a poll found new (seen-items-store.ts), for /explain. */
export const seenItemShape = z.looseObject({
  feedId: text,
  itemId: text,
  title: text,
  link: text,
  canonicalLink: text,
  at: z.number(),
  storyId: optionalText,
  matches: z.array(z.looseObject({ ruleId: text, topicId: text })),
});

/** One line of a server's /recent list (see guild-recent-store.ts). */
export const guildRecentShape = z.looseObject({ storyId: text, itemKey: text, at: z.number() });

/**
 * The value if it has the shape, else undefined after telling `report` which key and what is wrong.
 * An absent value (undefined) is simply absent, not corrupt.
 */
export function checkShape<T>(shape: Shape, key: string, value: unknown, report: CorruptEntryReporter): T | undefined {
  if (value === undefined) return undefined;
  const issue = shape.issue(value);
  if (!issue) return value as T;
  report(key, `unexpected shape at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  return undefined;
}

const digestTopic = z.looseObject({ id: text, name: text, colour: z.number() });
const bufferedStory = z.looseObject({
  id: text,
  story: z.looseObject({ title: text, link: text, source: text, time: text }),
  topics: z.array(digestTopic),
  keys: z.array(storyKey),
  mentionRoleId: optionalText,
});

export const digestBufferShape = z.looseObject({ guildId: text, stories: z.array(bufferedStory), omitted: z.number().optional() });

export const digestSealedShape = z.looseObject({
  guildId: text,
  channelId: text,
  since: text,
  due: text,
  late: z.boolean(),
  stories: z.array(bufferedStory),
  omitted: z.number(),
});

export const digestStateShape = z.looseObject({ lastDue: text });
