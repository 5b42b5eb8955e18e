import type { APIEmbed } from 'discord.js';
import { createFakeClock } from './support/fake-clock';
import { ADMIN } from '../support/app-rig';
import { startRig, story, type Rig } from './support/radar-rig';

/** `/subscribe … backfill:N` delivers the backfill the way the channel takes its alerts. */
describe('backfill in each delivery mode', () => {
  let rig: Rig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  const MINUTE = 60_000;
  const headlines = ['Dysprosium oxide climbs to a two-year high in Rotterdam', 'JOGMEC opens a rare earth stockpile tender', 'NdPr oxide slips for a third week'];
  const invoke = (r: Rig, channel: string, options: Record<string, string | number>) =>
    r.twin.invokeCommand({ guildId: r.guild.id, channelId: r.guild.channelId(channel), userId: ADMIN, name: 'subscribe', options: { channel: r.guild.channelId(channel), ...options } });

  it('puts a digest channel\'s backfill into its next digest, and posts nothing before it is due', async () => {
    const clock = createFakeClock(Date.parse('2026-03-10T10:20:00Z'));
    rig = await startRig({ now: clock.now, channels: ['alerts', 'digest'] });
    await rig.subscribe('alerts');
    rig.serve('wire', headlines.map((title, i) => story(i + 1, title, 30 - i * 10, clock.now().getTime())));
    await rig.poll();
    const reply = await invoke(rig, 'digest', { mode: 'hourly', backfill: 2 });
    expect(reply.final.content).toContain("The latest 2 matching stories will open the channel's next digest.");
    await rig.app.settle();
    expect(rig.twin.messages(rig.guild.channelId('digest'))).toEqual([]);
    clock.advance(40 * MINUTE); // 11:00
    await rig.poll();
    const posted = rig.twin.messages(rig.guild.channelId('digest'));
    expect(posted).toHaveLength(1);
    expect(posted[0]?.content).toMatch(/Hourly digest\*\* · 2 stories/);
    const lines = (posted[0]?.embeds as APIEmbed[]).flatMap((e) => (e.description ?? '').split('\n'));
    expect(headlines.slice(1).every((title) => lines.some((l) => l.includes(title)))).toBe(true);
    expect(lines.some((l) => l.includes(headlines[0]!))).toBe(false);
  });

  it('gives a forum channel one post per backfilled story, oldest first', async () => {
    rig = await startRig({ channels: ['alerts', 'newsroom'], channelTypes: { newsroom: 15 } });
    await rig.subscribe('alerts');
    rig.serve('wire', headlines.map((title, i) => story(i + 1, title, 30 - i * 10)));
    await rig.poll();
    const reply = await invoke(rig, 'newsroom', { backfill: 3 });
    expect(reply.final.content).toContain('Posting the latest 3 matching stories there now, oldest first.');
    await rig.app.settle();
    expect(rig.twin.forumPosts(rig.guild.channelId('newsroom')).map((p) => p.name)).toEqual(headlines);
  });

  it('gives a compact channel its backfill as one-line alerts in one message', async () => {
    rig = await startRig({ channels: ['alerts', 'lines'] });
    await rig.subscribe('alerts');
    rig.serve('wire', headlines.map((title, i) => story(i + 1, title, 30 - i * 10)));
    await rig.poll();
    await invoke(rig, 'lines', { compact: 'true', backfill: 3 });
    await rig.app.settle();
    const posted = rig.twin.messages(rig.guild.channelId('lines'));
    expect(posted).toHaveLength(1);
    expect(posted[0]?.embeds ?? []).toEqual([]);
    const lines = posted[0]!.content.split('\n');
    expect(headlines.map((title) => lines.findIndex((l) => l.includes(title)))).toEqual([0, 1, 2]);
  });
});
