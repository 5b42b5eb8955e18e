import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIEmbed } from 'discord.js';
import { eventually } from '../support/eventually';
import { startDiscordTwin, type DiscordTwin, type TwinGuild } from '../support/discord-twin';
import { rss2 } from '../support/feed-builders';
import { startFeedServer, type FeedServer } from '../support/feed-server';
import { startCli, type RunningCli } from '../support/run-cli';
import { freshRedisUrl, redisAvailable } from '../support/stores';
import { ADMIN, writeConfigFile } from '../support/app-rig';
import { stories } from './fleet-harness';

const REDIS_DB = 8; // this file's own logical database

/**
 * Two real `radar start` processes on one Redis: the one polling is SIGKILLed (no lease release, no
 * goodbye), and the other polls from the next tick its lease allows, posting what comes next exactly once.
 */
describe('two radar processes on one Redis, the polling one killed', () => {
  let hasRedis = false;
  let twin: DiscordTwin;
  let feeds: FeedServer;
  let guild: TwinGuild;
  let dir: string;
  const bots: RunningCli[] = [];
  beforeAll(async () => {
    hasRedis = await redisAvailable();
  });
  afterAll(async () => {
    await Promise.all(bots.map((bot) => bot.stop('SIGKILL')));
    await twin?.close();
    await feeds?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lets the survivor take over polling within the lease and posts each alert once', async () => {
    if (!hasRedis) return;
    twin = await startDiscordTwin({ warnUnknownRoutes: false });
    feeds = await startFeedServer();
    feeds.route('/wire.xml', { body: rss2({ title: 'Wire', items: [] }) });
    guild = twin.addGuild({ name: 'Desk', channels: [{ name: 'alerts' }], members: [{ userId: ADMIN, permissions: 'admin' }] });
    dir = mkdtempSync(join(tmpdir(), 'radar-fleet-'));
    const config = writeConfigFile(dir, { feeds: [{ id: 'wire', name: 'Wire', url: feeds.url('/wire.xml') }], schedule: '* * * * * *', store: await freshRedisUrl(REDIS_DB) });
    const env = { DISCORD_TOKEN: twin.token, DISCORD_API_URL: twin.apiUrl, LOG_LEVEL: 'debug', LOG_FORMAT: 'json' };
    bots.push(startCli(['start', '--config', config], env), startCli(['start', '--config', config], env));
    await eventually(() => expect(twin.gatewaySessions().filter((s) => s.identified)).toHaveLength(2));
    const reply = await twin.invokeCommand({ guildId: guild.id, channelId: guild.channelId('alerts'), userId: ADMIN, name: 'subscribe', options: { channel: guild.channelId('alerts') } });
    expect(reply.final.content).toContain('Subscribed');

    await eventually(() => expect(pollTimes(bots[0]!).length + pollTimes(bots[1]!).length).toBeGreaterThan(1));
    // The victim is the process that polled last: it holds (or last held) the fleet's lease.
    const lastPoll = (bot: RunningCli) => pollTimes(bot).at(-1) ?? 0;
    const [victim, survivor] = lastPoll(bots[0]!) >= lastPoll(bots[1]!) ? [bots[0]!, bots[1]!] : [bots[1]!, bots[0]!];
    const polls = (bot: RunningCli) => pollTimes(bot).length;
    const survivorPolls = polls(survivor);
    expect(await victim.stop('SIGKILL')).toBeNull();
    const survivorLines = survivor.output().stderr.split('\n').length;

    await eventually(() => expect(polls(survivor)).toBeGreaterThan(survivorPolls));
    // Counted in ticks, not seconds (a busy machine stretches seconds): the dead poller's lease (5 s, the
    // minimum, at one tick a second) costs the survivor at most five ticks, plus the tick it died in.
    const ticksLost = ticksLeftToOthers(survivor, survivorLines);
    process.stdout.write(`poll takeover after SIGKILL: ${ticksLost} ticks left to the dead instance\n`);
    expect(ticksLost).toBeLessThanOrEqual(6);

    feeds.route('/wire.xml', { body: rss2({ title: 'Wire', items: stories(1, 3) }) });
    await eventually(() => expect(twin.messages(guild.channelId('alerts'))).toHaveLength(3));
    // Two more polls of the same items by the survivor: nothing may be posted twice.
    const pollsNow = polls(survivor);
    await eventually(() => expect(polls(survivor)).toBeGreaterThanOrEqual(pollsNow + 2));
    expect(twin.messages(guild.channelId('alerts')).flatMap((m) => (m.embeds as APIEmbed[]).map((e) => e.title)).sort()).toEqual(stories(1, 3).map((s) => s.title).sort());
  });
});

/** Ticks the process saw going to another instance from its log line `fromLine` on, until it polled one itself. */
function ticksLeftToOthers(bot: RunningCli, fromLine: number): number {
  const lines = bot.output().stderr.split('\n').slice(fromLine);
  const firstOwn = lines.findIndex((line) => line.includes('polling this tick for the fleet'));
  return lines.slice(0, firstOwn < 0 ? lines.length : firstOwn).filter((line) => line.includes('another instance polls this tick')).length;
}

/** When this process started polling a tick for the fleet (its JSON log lines, on stderr). */
function pollTimes(bot: RunningCli): number[] {
  return bot
    .output()
    .stderr.split('\n')
    .filter((line) => line.includes('polling this tick for the fleet'))
    .map((line) => Date.parse((JSON.parse(line) as { time: string }).time));
}
