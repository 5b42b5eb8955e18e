import { z } from 'zod';
import { checkCronExpression } from '../poll/check-cron-expression';
import { parseExpression } from '../rules/parse-expression';

const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,47}$/;
const id = z.string().regex(ID_PATTERN, 'must be 1–48 characters of a-z, 0-9 and "-", starting with a letter or digit');

/** A cron expression, checked by node-cron itself so that what validates is what will run. */
const cronExpression = z.string().superRefine((value, ctx) => {
  const problem = checkCronExpression(value);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `not a cron expression (${problem})` });
});

/** A keyword expression; the message carries the rule language's own "at column N". */
const ruleExpression = z.string().superRefine((value, ctx) => {
  const parsed = parseExpression(value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error.message });
});

const httpUrl = z.string().superRefine((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not a valid URL' });
    return;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    ctx.addIssue({ code: 'custom', message: 'must be an http:// or https:// URL' });
  }
});

const colour = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like "#8e44ad"')
  .transform((hex) => Number.parseInt(hex.slice(1), 16));

/** `browser` picks our browser-like User-Agent; `bot` the default one; anything else is sent as is. */
const userAgent = z.string().min(1).max(300);

const feed = z.strictObject({
  id,
  name: z.string().min(1).max(100),
  url: httpUrl,
  intervalMinutes: z.number().int().min(1).max(1440).optional(),
  userAgent: userAgent.optional(),
});

const topic = z.strictObject({
  id,
  name: z.string().min(1).max(100),
  colour,
  rules: z.array(ruleExpression).min(1).max(500),
});

const limits = z.strictObject({
  requestTimeoutMs: z.number().int().min(1000).max(120_000).default(15_000),
  maxBodyBytes: z.number().int().min(10_000).max(50_000_000).default(5_000_000),
  maxRedirects: z.number().int().min(0).max(10).default(5),
  perHostConcurrency: z.number().int().min(1).max(16).default(2),
  minHostIntervalMs: z.number().int().min(0).max(60_000).default(1000),
  maxServerFeeds: z.number().int().min(0).max(100_000).default(500),
  feedConcurrency: z.number().int().min(1).max(64).default(8),
  maxItemAgeHours: z.number().min(1).max(24 * 90).default(48),
  firstPollMaxItems: z.number().int().min(0).max(100).default(5),
  seenTtlDays: z.number().min(1).max(365).default(30),
});

const topLevel = z.strictObject({
  schedule: cronExpression.default('*/5 * * * *'),
  store: z.string().min(1).default('sqlite://data/radar.sqlite'),
  userAgent: userAgent.optional(),
  /** Let `/feed add` accept loopback and private addresses (a feed on the operator's own network). */
  allowPrivateFeedAddresses: z.boolean().default(false),
  /** Where `/help` links for the full guide: this deployment's copy of the README. */
  helpUrl: z.url({ protocol: /^https?$/ }).optional(),
  limits: limits.default(limits.parse({})),
  feeds: z.array(feed).min(1),
  topics: z.array(topic).min(1),
});

export const configSchema = topLevel.superRefine((config, ctx) => {
  reportDuplicates(config.feeds, 'feeds', ctx);
  reportDuplicates(config.topics, 'topics', ctx);
});

/** The keys each object of the config accepts, by path with list indexes left out: for "did you mean". */
export const KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = {
  '': Object.keys(topLevel.shape),
  limits: Object.keys(limits.shape),
  feeds: Object.keys(feed.shape),
  topics: Object.keys(topic.shape),
};

function reportDuplicates(entries: { id: string }[], key: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    if (seen.has(entry.id)) {
      ctx.addIssue({ code: 'custom', path: [key, index, 'id'], message: `duplicate id "${entry.id}"` });
    }
    seen.add(entry.id);
  });
}

export type ConfigInput = z.input<typeof configSchema>;
export type RadarConfig = z.output<typeof configSchema>;
export type FeedConfig = RadarConfig['feeds'][number];
export type TopicConfig = RadarConfig['topics'][number];
export type Limits = RadarConfig['limits'];
