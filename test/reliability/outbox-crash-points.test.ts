import type { FeedSource } from '../../src/feeds/feed-source';
import type { FetchOutcome } from '../../src/feeds/fetch-feed';
import { createHostLimiter } from '../../src/feeds/host-limiter';
import { parseFeed } from '../../src/feeds/parse-feed';
import { emptyGuildSettings } from '../../src/guilds/guild-settings';
import { createDeliveryRunner } from '../../src/delivery/delivery-runner';
import { createOutboxSink } from '../../src/delivery/outbox-sink';
import { runPollCycle, type PollCycleDeps } from '../../src/poll/poll-cycle';
import { compileRuleSet } from '../../src/rules/compile-rule-set';
import type { Rule } from '../../src/rules/rule';
import { createSilentLogger } from '../../src/shared/logger';
import { createFeedStateStore } from '../../src/store/feed-state-store';
import { createGuildSettingsStore } from '../../src/store/guild-settings-store';
import type { KeyValue } from '../../src/store/key-value';
import { createOutboxStore } from '../../src/store/outbox-store';
import { createSeenStore, type SeenStore } from '../../src/store/seen-store';
import { rss2 } from '../support/feed-builders';
import { createMemoryStore, createMortalStore, SimulatedCrash, type CrashSwitch } from './support/crash-store';
import { createFakeDiscord, type PostedMessage } from './support/fake-discord';

const NOW = new Date('2026-11-26T12:00:00Z');
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toUTCString();
const topics = [
  { id: 'heavy', name: 'Heavy rare earths', colour: 1 },
  { id: 'japan', name: "Japan's supply chain", colour: 2 },
];
const rules: Rule[] = [
  { id: 'heavy/1', topicId: 'heavy', expression: 'dysprosium, terbium, heavy rare earth' },
  { id: 'japan/1', topicId: 'japan', expression: 'JOGMEC, Sojitz' },
];
const feeds: FeedSource[] = [
  { id: 'a', name: 'Wire A', url: 'https://a.example/feed' },
  { id: 'b', name: 'Wire B', url: 'https://b.example/feed' },
];
// S1 is one story in both feeds (different guid, tracking link); S2 only in A; S3 only in B.
const S1 = 'JOGMEC backs a heavy rare earth project in Australia';
const S2 = 'Dysprosium prices climb for a fourth week';
const S3 = 'Sojitz signs a terbium supply agreement';
const FEED_TEXT: Record<string, string> = {
  'https://a.example/feed': rss2({ title: 'A', items: [{ title: S1, link: 'https://news.example/s1', guid: 'a-1', pubDate: ago(20) }, { title: S2, link: 'https://news.example/s2', guid: 'a-2', pubDate: ago(30) }] }),
  'https://b.example/feed': rss2({ title: 'B', items: [{ title: S3, link: 'https://news.example/s3', guid: 'b-3', pubDate: ago(10) }, { title: S1, link: 'https://www.news.example/s1?utm_source=rss', guid: 'b-9', pubDate: ago(15) }] }),
};
const fetchFeed = async ({ url }: { url: string }): Promise<FetchOutcome> => ({ kind: 'fetched', text: FEED_TEXT[url] ?? '', validators: {}, finalUrl: url, status: 200, charset: 'utf-8' });

/** Channel X takes every topic, channel Y only Japan's supply chain. */
const EXPECTED = ['X: ' + S2, 'X: ' + S1, 'X: ' + S3, 'Y: ' + S1, 'Y: ' + S3];

/** Subscriptions and both feeds' first poll already behind us, written straight to the durable store. */
async function prepare(durable: KeyValue): Promise<void> {
  await createGuildSettingsStore(durable).update('G', () => ({
    settings: { ...emptyGuildSettings('G'), subscriptions: [{ channelId: 'X', createdAt: ago(600) }, { channelId: 'Y', topicId: 'japan', createdAt: ago(600) }] },
    result: undefined,
  }));
  await createFeedStateStore(durable).setMany(feeds.map((feed) => ({ feedId: feed.id, state: { consecutiveFailures: 0, firstPolledAt: ago(600), lastAttemptAt: ago(5) } })));
}

/**
 * One process life as the app runs it: the delivery runner is kicked at start (alerts a previous life
 * left) and by every enqueue, so sends interleave with the rest of the poll — until done or until it dies.
 * `restart` makes the next life as hard as it gets: Discord answers only once the poll is over, so the
 * poll meets the alerts still pending; and the feeds are listed the other way round, so a story both carry
 * now comes from the other feed under another alert id and nonce — only the outbox's own bookkeeping, not
 * Discord's nonce, can stop a second post.
 */
async function live(durable: KeyValue, discord: ReturnType<typeof createFakeDiscord>, crash: Crash, restart = false): Promise<CrashSwitch> {
  const { kv, life } = createMortalStore(durable, crash.atWrite);
  const guilds = createGuildSettingsStore(kv);
  const outbox = createOutboxStore(kv);
  const logger = createSilentLogger();
  let open = () => {};
  const gate = restart ? new Promise<void>((resolve) => (open = resolve)) : undefined;
  const sender = discord.senderFor(life, { crashAfterSend: crash.afterSend, gate });
  const delivery = createDeliveryRunner({ outbox, sender, onChannelBroken: async () => {}, logger, now: () => NOW, retryCheckMs: 1 }, logger);
  const sink = createOutboxSink({ guilds, outbox, builtInTopics: topics, current: () => ({ rules, feeds }), seenTtlMs: 30 * 86_400_000, maxItemAgeMs: 48 * 3_600_000, onQueued: () => delivery.kick(), now: () => NOW });
  const poll: PollCycleDeps = {
    getFeeds: async () => (restart ? [...feeds].reverse() : feeds),
    getRuleSet: async () => compileRuleSet(rules),
    feedStates: createFeedStateStore(kv),
    seen: crash.sendsBeforeSeen ? sendsFirst(createSeenStore(kv), () => delivery.idle()) : createSeenStore(kv),
    sink,
    feedPoll: { fetchFeed, parseFeed, fetchOptions: { timeoutMs: 1000, maxBodyBytes: 1_000_000, maxRedirects: 0 }, resolveUserAgent: () => undefined },
    hostLimiter: createHostLimiter(2),
    limits: { maxItemAgeHours: 48, firstPollMaxItems: 5, feedConcurrency: 4, seenTtlDays: 30 },
    logger,
  };
  delivery.kick({ ignoreBackoff: true });
  try {
    await runPollCycle(poll, NOW);
  } catch (error: unknown) {
    if (!(error instanceof SimulatedCrash)) throw error;
  }
  open();
  await delivery.idle();
  await delivery.stop();
  return life;
}

/** Where the process dies, and which way the poll and its sends interleave before that. */
interface Crash {
  atWrite?: number;
  afterSend?: number;
  /** The sends of this poll finish before it marks its items seen (with a real store either can happen). */
  sendsBeforeSeen?: boolean;
}

function sendsFirst(seen: SeenStore, sendsDone: () => Promise<void>): SeenStore {
  return {
    seenAny: (keys) => seen.seenAny(keys),
    lookup: (keys) => seen.lookup(keys),
    async markSeen(entries) {
      await sendsDone();
      await seen.markSeen(entries);
    },
  };
}

const seen = (posted: PostedMessage[]) => posted.map((m) => `${m.channelId}: ${m.title}`);

/**
 * The outbox's promise, checked at every point a process can die: before each store write of a life that
 * polls and delivers, and right after Discord took each message. A second life on the same store must
 * leave every channel with each story exactly once, in publication order.
 */
describe.each([
  ['items are marked seen before the sends finish', false],
  ['the sends finish before items are marked seen', true],
])('a crash at any point of a poll and its delivery, when %s', (_order, sendsBeforeSeen) => {
  const clean = async () => {
    const durable = createMemoryStore();
    await prepare(durable);
    const discord = createFakeDiscord();
    const life = await live(durable, discord, { sendsBeforeSeen });
    return { writes: life.writes, sends: discord.posted.length, posted: seen(discord.posted) };
  };

  it('delivers each story once per channel without a crash (the baseline the others are compared to)', async () => {
    const baseline = await clean();
    expect([...baseline.posted].sort()).toEqual([...EXPECTED].sort());
    // Enough crash points to mean something: batched writes (one per seen batch, per outbox batch) make 19.
    expect(baseline.writes).toBeGreaterThan(15);
  });

  it('loses and doubles nothing whichever store write the process dies before', async () => {
    const { writes } = await clean();
    const failures: string[] = [];
    for (let atWrite = 1; atWrite <= writes; atWrite++) {
      const durable = createMemoryStore();
      await prepare(durable);
      const discord = createFakeDiscord();
      const first = await live(durable, discord, { atWrite, sendsBeforeSeen });
      expect(first.dead).toBe(true);
      await live(durable, discord, {}, true);
      const got = seen(discord.posted);
      // Exact set only: each feed's alerts are handed over when that feed is done, so across feeds (and after a
      // restart that polls them the other way round) the order is the order the feeds answered in.
      if (JSON.stringify([...got].sort()) !== JSON.stringify([...EXPECTED].sort())) failures.push(`write ${atWrite}: ${JSON.stringify(got)}`);
    }
    expect(failures).toEqual([]);
  });

  it('does not post twice when the process dies after Discord took a message but before it heard back', async () => {
    const { sends } = await clean();
    for (let afterSend = 1; afterSend <= sends; afterSend++) {
      const durable = createMemoryStore();
      await prepare(durable);
      const discord = createFakeDiscord();
      await live(durable, discord, { afterSend, sendsBeforeSeen });
      await live(durable, discord, {}, true);
      expect([...seen(discord.posted)].sort()).toEqual([...EXPECTED].sort());
    }
  });
});
