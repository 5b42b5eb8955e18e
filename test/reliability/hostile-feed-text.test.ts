import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIEmbed } from 'discord.js';
import { eventually } from '../support/eventually';
import { startDiscordTwin, type DiscordTwin, type TwinGuild } from '../support/discord-twin';
import { rss2, type Rss2Item } from '../support/feed-builders';
import { startFeedServer, type FeedServer } from '../support/feed-server';
import { jsonLines, runCli, startCli, type RunningCli } from '../support/run-cli';
import { ADMIN, TEST_TOPICS, writeConfigFile } from '../support/app-rig';

/**
 * Feed items built to hurt the process that reads them (issue 13, items 2–4), read by the real CLI:
 * a 200,000-character title of `!` against rules of 28 overlapping terms, a letter under 200,000
 * alternating combining marks, and a 2.4 MB guid and link. The ordinary story beside them must still
 * arrive, with memory and output bounded.
 */
const PEAK_RSS_LIMIT_KIB = 300 * 1024;
const LINE_LIMIT_CHARS = 10 * 1024;
const PRELOAD = join(__dirname, '..', 'support', 'report-peak-rss.js');
// The heap cap makes a regression fail fast (heap out of memory) instead of taking the machine's memory.
const NODE_OPTIONS = `--require ${PRELOAD} --max-old-space-size=1024`;

/** `"!","!!",…` up to 28: every run of `!` is an occurrence of every shorter term. Under the 500-char limit. */
const OVERLAPPING_RULE = Array.from({ length: 28 }, (_, i) => `"${'!'.repeat(i + 1)}"`).join(',');
const ORDINARY_TITLE = 'Lynas and JOGMEC extend heavy rare earth offtake';
const LONG_ID_TITLE = 'Terbium contract signed under an enormous identifier';

function hostileItems(): Rss2Item[] {
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toUTCString();
  const marks = `a${'\u0301\u0316'.repeat(100_000)}`;
  return [
    { title: '!'.repeat(200_000), description: '!'.repeat(100_000), link: 'https://wire.example/bang', guid: 'bang-1', pubDate: minutesAgo(40) },
    { title: marks, description: `Dysprosium ${marks}`, link: 'https://wire.example/marks', guid: 'marks-1', pubDate: minutesAgo(30) },
    { title: LONG_ID_TITLE, link: `https://wire.example/${'l'.repeat(2_400_000)}`, guid: `urn:wire:${'g'.repeat(2_400_000)}`, pubDate: minutesAgo(20) },
    { title: ORDINARY_TITLE, description: 'Dysprosium and terbium volumes rise.', link: 'https://wire.example/lynas', guid: 'plain-1', pubDate: minutesAgo(10) },
  ];
}

const LIMITS = { requestTimeoutMs: 20_000, maxBodyBytes: 20_000_000, maxItemAgeHours: 48, firstPollMaxItems: 10 };

function longestLine(...texts: string[]): number {
  return Math.max(0, ...texts.flatMap((text) => text.split('\n').map((line) => line.length)));
}

function peakRssKiB(file: string): number {
  expect(existsSync(file)).toBe(true); // absent: the process died without exiting (heap out of memory)
  return Number(readFileSync(file, 'utf8'));
}

async function maxStoredKeyLength(sqlitePath: string, prefix: string): Promise<number> {
  const sqlite3 = (await import('sqlite3')).default;
  const db = new sqlite3.Database(sqlitePath);
  try {
    return await new Promise<number>((resolve, reject) =>
      db.get(`SELECT max(length(key)) AS longest FROM keyv WHERE key LIKE ?`, [`${prefix}%`], (error: Error | null, row: { longest: number | null }) =>
        error ? reject(error) : resolve(row.longest ?? 0),
      ),
    );
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}

describe('hostile feed text read by radar once', () => {
  let feeds: FeedServer;
  let dir: string;

  beforeEach(async () => {
    feeds = await startFeedServer();
    dir = mkdtempSync(join(tmpdir(), 'radar-hostile-once-'));
  });
  afterEach(async () => {
    await feeds.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the ordinary story beside them, in bounded memory and output, and remembers every item', async () => {
    feeds.route('/wire.xml', { body: rss2({ title: 'Wire', items: hostileItems() }) });
    const topics = [...TEST_TOPICS, { id: 'bangs', name: 'Bangs', colour: '#000000', rules: [OVERLAPPING_RULE, OVERLAPPING_RULE] }];
    const config = writeConfigFile(dir, { feeds: [{ id: 'wire', name: 'Wire', url: feeds.url('/wire.xml') }], topics, limits: LIMITS });
    const rssFile = join(dir, 'peak-rss');
    const env = { NODE_OPTIONS, RADAR_TEST_PEAK_RSS_FILE: rssFile };

    // once keeps its own store unless given one; this test looks into the file afterwards.
    const store = `sqlite://${join(dir, 'radar.sqlite')}`;
    const first = await runCli(['once', '--json', '--config', config, '--store', store], env, 110_000);
    expect(first.stderr).toMatch(/^1 feed: 1 ok; 4 new matching items \([^)\n]*\)\n$/); // the summary line only
    expect(first.code).toBe(0);
    const lines = jsonLines(first.stdout);
    expect(lines.map((l) => l.title)).toEqual([expect.stringMatching(/^!{100,1000}…?$/), expect.stringMatching(/^a[\u0301\u0316]{1,30}$/), LONG_ID_TITLE, ORDINARY_TITLE]);
    expect(lines.find((l) => l.title === ORDINARY_TITLE)).toMatchObject({ id: 'plain-1', topics: ['heavy-rare-earths', 'japan-supply-chain'] });
    expect(longestLine(first.stdout, first.stderr)).toBeLessThanOrEqual(LINE_LIMIT_CHARS);
    expect(peakRssKiB(rssFile)).toBeLessThan(PEAK_RSS_LIMIT_KIB);
    // The 2.4 MB guid is remembered under a short key, and the same guid is known again on the next run.
    expect(await maxStoredKeyLength(join(dir, 'radar.sqlite'), 'seen:')).toBeLessThanOrEqual(1024);
    const second = await runCli(['once', '--json', '--config', config, '--store', store], env, 110_000);
    expect([second.code, second.stdout]).toEqual([0, '']);
    expect(second.stderr).toMatch(/^1 feed: 1 (ok|not modified); 0 new matching items \([^)\n]*\)\n$/);
  }, 240_000);
});

describe('hostile feed text read by radar start with server rules', () => {
  let twin: DiscordTwin;
  let feeds: FeedServer;
  let dir: string;
  let guild: TwinGuild;
  let bot: RunningCli | undefined;

  beforeEach(async () => {
    twin = await startDiscordTwin({ warnUnknownRoutes: false });
    feeds = await startFeedServer();
    dir = mkdtempSync(join(tmpdir(), 'radar-hostile-start-'));
    guild = twin.addGuild({ name: 'Desk', channels: [{ name: 'alerts' }], members: [{ userId: ADMIN, permissions: 'admin' }] });
  });
  afterEach(async () => {
    await bot?.stop('SIGKILL');
    bot = undefined;
    await twin.close();
    await feeds.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const command = async (name: string, subcommand: string | undefined, options: Record<string, string>) =>
    (await twin.invokeCommand({ guildId: guild.id, channelId: guild.channelId('alerts'), userId: ADMIN, name, subcommand, options })).final.content ?? '';
  const titles = () => twin.messages(guild.channelId('alerts')).flatMap((m) => (m.embeds as APIEmbed[]).map((e) => e.title ?? ''));

  it('posts the ordinary story and each hostile one once, in bounded memory, through later polls and a restart', async () => {
    feeds.route('/wire.xml', { body: rss2({ title: 'Wire', items: [] }) });
    const config = writeConfigFile(dir, { feeds: [{ id: 'wire', name: 'Wire', url: feeds.url('/wire.xml') }], schedule: '* * * * * *', limits: LIMITS });
    const rssFile = join(dir, 'peak-rss');
    const launch = async () => {
      const sessions = twin.gatewaySessions().filter((s) => s.identified).length;
      const env = { DISCORD_TOKEN: twin.token, DISCORD_API_URL: twin.apiUrl, NODE_OPTIONS, RADAR_TEST_PEAK_RSS_FILE: rssFile };
      bot = startCli(['start', '--config', config], env);
      await eventually(() => expect(twin.gatewaySessions().filter((s) => s.identified).length).toBeGreaterThan(sessions), 30_000);
      return bot;
    };
    const stop = async (running: RunningCli) => {
      bot = undefined;
      expect(await running.stop('SIGTERM')).toBe(0);
      const { stdout, stderr } = running.output();
      expect(longestLine(stdout, stderr)).toBeLessThanOrEqual(LINE_LIMIT_CHARS);
      expect(peakRssKiB(rssFile)).toBeLessThan(PEAK_RSS_LIMIT_KIB);
    };
    const pollsAfterNow = async (count: number) => {
      const requestsSoFar = feeds.requests('/wire.xml').length;
      await eventually(() => expect(feeds.requests('/wire.xml').length).toBeGreaterThanOrEqual(requestsSoFar + count), 30_000);
    };
    const expected = [expect.stringMatching(/^[\\!]{50,}/), expect.stringMatching(/^a/), LONG_ID_TITLE, ORDINARY_TITLE];

    const first = await launch();
    expect(await command('subscribe', undefined, { channel: guild.channelId('alerts') })).toContain('Subscribed');
    // One server admin adds the same rule of overlapping terms twice.
    expect(await command('rule', 'add', { topic: 'Bangs', keywords: OVERLAPPING_RULE })).toContain('Added rule');
    expect(await command('rule', 'add', { topic: 'Bangs', keywords: OVERLAPPING_RULE })).toContain('Added rule');

    feeds.route('/wire.xml', { body: rss2({ title: 'Wire', items: hostileItems() }) });
    await eventually(() => expect(titles()).toContain(ORDINARY_TITLE), 90_000);
    // Later polls read the same document and post nothing more: every item was remembered.
    await pollsAfterNow(3);
    expect(titles()).toEqual(expected);
    await stop(first);

    // A restart reads every item afresh and finds each one, the 2.4 MB guid included, already handled.
    const second = await launch();
    await pollsAfterNow(3);
    expect(titles()).toEqual(expected);
    await stop(second);
  }, 240_000);
});
