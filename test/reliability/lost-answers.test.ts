import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIEmbed } from 'discord.js';
import { createOutboxStore } from '../../src/store/outbox-store';
import { openStore } from '../../src/store/open-store';
import { eventually } from '../support/eventually';
import { startDiscordTwin, type DiscordTwin, type TwinGuild } from '../support/discord-twin';
import { rss2 } from '../support/feed-builders';
import { startFeedServer, type FeedServer } from '../support/feed-server';
import { startCli, type RunningCli } from '../support/run-cli';
import { startHoldingProxy, type HoldingProxy } from './support/holding-proxy';
import { FAST_TIMINGS, startRig, story, type Rig } from './support/radar-rig';
import { ADMIN, writeConfigFile } from '../support/app-rig';


/** Twelve distinct stories, oldest first, each matching a test topic. */
const HEADLINES = [
  'Dysprosium exports resume at the northern border crossing',
  'Terbium oxide edges higher as Baotou buyers return',
  'JOGMEC backs a new separation plant in Western Australia',
  'Sojitz widens its Lynas supply pact for Japanese magnet makers',
  'NdPr spot price steadies after a volatile trading week',
  'Heavy rare earth feedstock ships from Malaysia to Texas',
  'Dysprosium recycling pilot opens near Osaka harbour',
  'Terbium demand from wind turbine makers outpaces supply',
  'JOGMEC signs a stockpiling agreement with Canadian miners',
  'Sojitz and JOGMEC invest in Brazilian clay deposits',
  'NdPr oxide futures draw record open interest in Shanghai',
  'Heavy rare earth separation costs fall at Mountain Pass',
];
const stories = (count: number, from = Date.now()) => HEADLINES.slice(0, count).map((title, n) => story(n + 1, title, 120 - n, from));
const embedTitles = (messages: { embeds: unknown[] }[]) => messages.flatMap((m) => (m.embeds as APIEmbed[]).map((e) => e.title ?? ''));

/**
 * Discord stored the post but the bot never learnt it: the process was killed, or the answer was a 502 or
 * a reset connection. Each alert must still be posted exactly once, in order — checked on the exact set
 * of messages in the Discord twin.
 */
describe('exactly once through lost answers: the real process SIGKILLed with a packed message in flight', () => {
  let twin: DiscordTwin;
  let proxy: HoldingProxy;
  let feeds: FeedServer;
  let dir: string;
  let guild: TwinGuild;
  let bot: RunningCli | undefined;
  beforeEach(async () => {
    twin = await startDiscordTwin({ warnUnknownRoutes: false });
    proxy = await startHoldingProxy(twin.apiUrl);
    feeds = await startFeedServer();
    dir = mkdtempSync(join(tmpdir(), 'radar-lost-'));
    guild = twin.addGuild({ name: 'Desk', channels: [{ name: 'alerts' }], members: [{ userId: ADMIN, permissions: 'admin' }] });
  });
  afterEach(async () => {
    await bot?.stop('SIGKILL');
    await proxy.close();
    await twin.close();
    await feeds.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('posts the rest once after a restart, the message in flight included, and nothing twice', async () => {
    feeds.route('/wire.xml', { body: rss2({ title: 'Wire', items: [] }) });
    const limits = { requestTimeoutMs: 5000, maxItemAgeHours: 48, firstPollMaxItems: 20 };
    const config = writeConfigFile(dir, { feeds: [{ id: 'wire', name: 'Wire', url: feeds.url('/wire.xml') }], schedule: '* * * * * *', limits });
    const launch = async () => {
      const sessions = twin.gatewaySessions().filter((s) => s.identified).length;
      bot = startCli(['start', '--config', config], { DISCORD_TOKEN: twin.token, DISCORD_API_URL: proxy.apiUrl });
      await eventually(() => expect(twin.gatewaySessions().filter((s) => s.identified).length).toBeGreaterThan(sessions), 15_000);
    };
    await launch();
    const reply = await twin.invokeCommand({ guildId: guild.id, channelId: guild.channelId('alerts'), userId: ADMIN, name: 'subscribe', options: { channel: guild.channelId('alerts') } });
    expect(reply.final.content).toContain('Subscribed');

    // Twelve alerts at once: a backlog, so they go out packed — ten embeds, then two.
    proxy.holdMessagePosts(true, { after: 1 });
    const all = stories(12);
    feeds.route('/wire.xml', { body: rss2({ title: 'Wire', items: all }) });
    await eventually(() => expect([twin.messages(guild.channelId('alerts')).length, proxy.held()]).toEqual([2, 1]), 15_000);
    expect(twin.messages(guild.channelId('alerts')).map((m) => m.embeds.length)).toEqual([10, 2]);
    expect(await bot?.stop('SIGKILL')).toBeNull();
    bot = undefined;
    proxy.holdMessagePosts(false);

    await launch();
    const posts = () => twin.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${guild.channelId('alerts')}/messages`);
    // The message in flight is sent again as it was — the same two alerts under the same nonce.
    await eventually(() => expect(posts().length).toBe(3), 15_000);
    const polls = feeds.requests('/wire.xml').length;
    await eventually(() => expect(feeds.requests('/wire.xml').length).toBeGreaterThan(polls + 1), 10_000);
    expect(embedTitles(twin.messages(guild.channelId('alerts')))).toEqual(all.map((s) => s.title));
    expect(twin.messages(guild.channelId('alerts'))).toHaveLength(2);
    const running = bot as RunningCli | undefined;
    bot = undefined;
    expect(await running?.stop('SIGTERM')).toBe(0);
  });
});

describe('exactly once through lost answers: the bot in this process', () => {
  let rig: Rig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it.each([
    ['answered 502', 502 as const],
    ['its connection reset', 'drop' as const],
  ])('posts each alert once in two channels when the first post was stored but %s during an outage', async (_what, status) => {
    rig = await startRig({ limits: { firstPollMaxItems: 20 } });
    await rig.subscribe('alerts');
    await rig.subscribe('desk');
    const posts = /\/channels\/\d+\/messages$/;
    rig.twin.failRest({ status, afterStore: true, count: 2, match: posts });
    rig.twin.failRest({ status: 503, untilMs: 600_000, match: posts });
    const all = stories(8);
    rig.serve('wire', all.slice(0, 1));
    await rig.poll();
    rig.serve('wire', all);
    await rig.poll();
    // Eight alerts wait per channel, the first already posted: a round during the outage sees them all.
    const refused = rig.twin.requests.length;
    await eventually(() => expect(rig!.twin.requests.slice(refused).filter((r) => r.status === 503).length).toBeGreaterThanOrEqual(4), 10_000);
    rig.twin.clearFaults();
    for (const channel of ['alerts', 'desk']) {
      await eventually(() => expect(rig!.titles(channel)).toHaveLength(8), 10_000);
    }
    await rig.poll();
    expect(rig.titles('alerts')).toEqual(all.map((s) => s.title));
    expect(rig.titles('desk')).toEqual(all.map((s) => s.title));
  });

  /** Bot and twin share a clock the test moves: "ten minutes later" without waiting ten minutes. */
  const movableClock = () => {
    let offset = 0;
    return { now: () => Date.now() + offset, advance: (ms: number) => void (offset += ms) };
  };
  // No retry inside this life: the next try is the restarted process's.
  const patient = { ...FAST_TIMINGS, sendRetry: { baseMs: 3_600_000, maxMs: 3_600_000 } };

  const loseAnswerThenRestartLater = async () => {
    const clock = movableClock();
    rig = await startRig({ twin: { now: clock.now }, now: () => new Date(clock.now()), timings: patient, limits: { firstPollMaxItems: 20 } });
    await rig.subscribe('alerts');
    rig.twin.failRest({ status: 'drop', afterStore: true, count: 1, match: /\/messages$/ });
    const first = stories(7);
    rig.serve('wire', first);
    await rig.poll();
    // Seven alerts packed in one message: Discord has it, the bot does not know.
    expect(rig.titles('alerts')).toEqual(first.map((s) => s.title));
    expect(rig.logged('alert not sent; will retry')).toHaveLength(1);
    return { clock, first };
  };

  it('finds the message in the channel instead of posting it again when restarted ten minutes after a lost answer', async () => {
    const { clock, first } = await loseAnswerThenRestartLater();
    clock.advance(10 * 60_000); // Discord's nonce window is long gone
    await rig!.restart();
    await eventually(() => expect(rig!.logged('found a message whose answer was lost; not posting it again')).toHaveLength(1), 10_000);
    const later = stories(9).slice(7);
    rig!.serve('wire', [...first, ...later]);
    await rig!.poll();
    expect(rig!.titles('alerts')).toEqual([...first, ...later].map((s) => s.title));
    const messages = rig!.twin.messages(rig!.guild.channelId('alerts'));
    expect(messages.map((m) => m.embeds.length)).toEqual([7, 1, 1]);

    // The message id is kept per alert, for later edits of the message.
    const kv = await openStore(rig!.storeUrl);
    try {
      const sent = await createOutboxStore(kv).sentMessage(`${messages[0]!.channel_id}:wire:${first[3]!.guid}`);
      expect(sent).toMatchObject({ channelId: messages[0]!.channel_id, messageId: messages[0]!.id });
    } finally {
      await kv.close();
    }
  });

  it('resends, and says so once, when it may not read the channel to look for the message', async () => {
    const { clock, first } = await loseAnswerThenRestartLater();
    rig!.twin.setBotHistoryAccess(rig!.guild.id, rig!.guild.channelId('alerts'), false);
    clock.advance(10 * 60_000);
    await rig!.restart();
    await eventually(() => expect(rig!.titles('alerts')).toHaveLength(14), 10_000);
    await rig!.poll();
    // Without Read Message History the bot cannot tell, and a late resend is a duplicate (README).
    expect(rig!.titles('alerts')).toEqual([...first, ...first].map((s) => s.title));
    expect(rig!.logged('cannot read the channel to check for a message whose answer was lost; resending it (grant Read Message History)')).toHaveLength(1);
  });
});
