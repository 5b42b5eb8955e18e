import type { APIEmbed } from 'discord.js';
import { createFakeClock, type FakeClock } from './support/fake-clock';
import { eventually } from '../support/eventually';
import { FAST_TIMINGS, startRig, story, type Rig } from './support/radar-rig';

/** Digest subscriptions against the Discord twin, with a clock the test moves (no real waiting). */
describe('digest subscriptions', () => {
  let rig: Rig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  const MINUTE = 60_000;
  const HOUR_MS = 60 * MINUTE;
  const HEADLINES = [
    'Dysprosium tender draws record bids in Baotou',
    'Terbium oxide climbs for a third straight week',
    'JOGMEC widens its rare earth stockpile programme',
    'Sojitz and JOGMEC extend their Lynas offtake',
    'NdPr prices slip as magnet makers hold back orders',
    'Rare earth futures open higher in Shanghai trading',
    'Heavy rare earth separation plant breaks ground',
  ];
  const stories = (from: number) => HEADLINES.map((title, i) => story(i + 1, title, 20 - i, from));
  const digestMessages = (r: Rig, channel: string) => r.twin.messages(r.guild.channelId(channel)).filter((m) => m.content.includes('digest'));
  const linesOf = (embeds: unknown[]) => (embeds as APIEmbed[]).flatMap((e) => (e.description ?? '').split('\n'));

  async function hourlyRig(clock: FakeClock): Promise<Rig> {
    const started = await startRig({ now: clock.now });
    const reply = await started.command('subscribe', { channel: started.guild.channelId('alerts'), mode: 'hourly' });
    expect(reply.final.content).toMatch(/Subscribed .* as an hourly digest/);
    // The answer ends with a sample digest, not a sample alert.
    expect(reply.final.content).toMatch(/Digests in <#\d+> will look like this sample[^]*Hourly digest\*\* · 7 stories/);
    return started;
  }

  it('posts an hourly digest of seven stories once, at the top of the hour, grouped by topic', async () => {
    const clock = createFakeClock(Date.parse('2026-03-10T10:20:00Z'));
    rig = await hourlyRig(clock);
    clock.advance(10 * MINUTE);
    rig.serve('wire', stories(clock.now().getTime()));
    await rig.poll();
    expect(rig.twin.messages(rig.guild.channelId('alerts'))).toEqual([]);

    clock.advance(29 * MINUTE); // 10:59
    await rig.poll();
    expect(rig.twin.messages(rig.guild.channelId('alerts'))).toEqual([]);

    clock.advance(MINUTE); // 11:00
    await rig.poll();
    clock.advance(5 * MINUTE);
    await rig.poll();
    const posted = rig.twin.messages(rig.guild.channelId('alerts'));
    expect(posted).toHaveLength(1);
    const [digest] = posted;
    expect(digest?.content).toMatch(/Hourly digest\*\* · 7 stories/);
    expect(digest?.content).not.toMatch(/late/);
    const lines = linesOf(digest?.embeds ?? []);
    expect(lines).toHaveLength(7);
    for (const title of HEADLINES) expect(lines.some((l) => l.includes(title))).toBe(true);
    // Each line: linked title, source, time as a Discord timestamp.
    expect(lines[0]).toMatch(/^• \[.+\]\(<https:\/\/wire\.example\/story-\d>\) — Wire wire · <t:\d+:t>$/);
    expect((digest?.embeds as APIEmbed[]).map((e) => e.title)).toEqual(["Heavy rare earths", "Japan's supply chain", 'Prices and markets']);
    expect(rig.logged('digest queued')).toHaveLength(1);
  });

  it('posts a digest that fell due while the bot was down once when it is back, marked late', async () => {
    const clock = createFakeClock(Date.parse('2026-03-10T10:20:00Z'));
    rig = await hourlyRig(clock);
    clock.advance(10 * MINUTE);
    rig.serve('wire', stories(clock.now().getTime()));
    await rig.poll();

    await rig.app.stop();
    clock.advance(90 * MINUTE); // 12:00: the 11:00 and 12:00 digests fell due while it was down
    await rig.restart();
    await rig.poll();
    await rig.restart();
    await rig.poll();

    const posted = digestMessages(rig, 'alerts');
    expect(posted).toHaveLength(1);
    expect(posted[0]?.content).toMatch(/7 stories/);
    expect(posted[0]?.content).toMatch(/late/);
    expect(linesOf(posted[0]?.embeds ?? [])).toHaveLength(7);
  });

  it('posts nothing for an hour without stories, and the next hour only the new stories', async () => {
    const clock = createFakeClock(Date.parse('2026-03-10T10:20:00Z'));
    rig = await hourlyRig(clock);
    clock.advance(40 * MINUTE); // 11:00, nothing happened
    await rig.poll();
    expect(rig.twin.messages(rig.guild.channelId('alerts'))).toEqual([]);
    clock.advance(10 * MINUTE);
    rig.serve('wire', stories(clock.now().getTime()).slice(0, 2));
    await rig.poll();
    clock.advance(50 * MINUTE); // 12:00
    await rig.poll();
    const posted = digestMessages(rig, 'alerts');
    expect(posted).toHaveLength(1);
    expect(posted[0]?.content).toMatch(/2 stories/);
  });

  it('posts what a digest had collected as one last digest when the channel goes back to instant alerts', async () => {
    const clock = createFakeClock(Date.parse('2026-03-10T10:20:00Z'));
    rig = await hourlyRig(clock);
    clock.advance(10 * MINUTE);
    const all = stories(clock.now().getTime());
    rig.serve('wire', all.slice(0, 3));
    await rig.poll();
    clock.advance(5 * MINUTE);
    const reply = await rig.command('subscribe', { channel: rig.guild.channelId('alerts'), mode: 'instant' });
    expect(reply.final.content).toMatch(/as instant alerts\. What its digest had collected goes out now as one last digest\./);
    rig.serve('wire', all.slice(0, 4));
    await rig.poll();
    await rig.poll();
    const posted = rig.twin.messages(rig.guild.channelId('alerts'));
    expect(posted).toHaveLength(2);
    const [digest, ...others] = [...digestMessages(rig, 'alerts'), ...posted.filter((m) => !m.content.includes('digest'))];
    expect(digest?.content).toMatch(/Hourly digest\*\* · 3 stories/);
    expect(digest?.content).not.toMatch(/late/);
    expect(others.flatMap((m) => (m.embeds as APIEmbed[]).map((e) => e.title))).toEqual([HEADLINES[3]]);
  });

  it('posts a daily digest at the local time on both sides of a DST change', async () => {
    // Berlin moves to summer time on 29 March 2026: 08:00 local is 07:00 UTC before, 06:00 UTC after.
    const clock = createFakeClock(Date.parse('2026-03-27T12:00:00Z'));
    rig = await startRig({ now: clock.now });
    const reply = await rig.command('subscribe', { channel: rig.guild.channelId('alerts'), mode: 'daily', at: '08:00', timezone: 'Europe/Berlin' });
    expect(reply.final.content).toContain('a daily digest at 08:00 Europe/Berlin');
    const all = stories(clock.now().getTime());
    const pollAt = async (iso: string) => {
      clock.advance(Date.parse(iso) - clock.now().getTime());
      await rig?.poll();
      return digestMessages(rig!, 'alerts').length;
    };
    rig.serve('wire', all.slice(0, 1).map((s) => ({ ...s, pubDate: clock.now().toUTCString() })));
    await rig.poll();
    expect(await pollAt('2026-03-28T06:59:00Z')).toBe(0);
    expect(await pollAt('2026-03-28T07:00:00Z')).toBe(1);
    rig.serve('wire', [...all.slice(0, 2).map((s) => ({ ...s, pubDate: new Date('2026-03-28T12:00:00Z').toUTCString() }))]);
    expect(await pollAt('2026-03-28T12:00:00Z')).toBe(1);
    expect(await pollAt('2026-03-29T05:59:00Z')).toBe(1);
    expect(await pollAt('2026-03-29T06:00:00Z')).toBe(2);
    expect(await pollAt('2026-03-29T07:00:00Z')).toBe(2);
    const second = digestMessages(rig, 'alerts')[1];
    expect(second?.content).toMatch(/Daily digest\*\* · 1 story/);
    expect(second?.content).not.toMatch(/late/);
    expect(second?.timestamp).toBeDefined();
  });

  it('shows the mode and the next due time in /subscriptions', async () => {
    const clock = createFakeClock(Date.parse('2026-03-10T10:20:00Z'));
    rig = await startRig({ now: clock.now });
    await rig.command('subscribe', { channel: rig.guild.channelId('alerts'), mode: 'daily', at: '7:30', timezone: 'asia/tokyo' });
    const listed = (await rig.command('subscriptions')).final.content ?? '';
    // 07:30 in Tokyo is 22:30 UTC the day before.
    expect(listed).toContain(`daily digest at 07:30 Asia/Tokyo, next <t:${Date.parse('2026-03-10T22:30:00Z') / 1000}:f>`);
  });

  it('finds a digest whose answer was lost instead of posting it again, when restarted ten minutes later', async () => {
    // Bot and twin share a clock the test moves: past Discord's nonce window without waiting for it.
    let offset = 0;
    const now = () => Date.now() + offset;
    const patient = { ...FAST_TIMINGS, sendRetry: { baseMs: 3_600_000, maxMs: 3_600_000 } };
    rig = await startRig({ twin: { now }, now: () => new Date(now()), timings: patient });
    await rig.command('subscribe', { channel: rig.guild.channelId('alerts'), mode: 'hourly' });
    rig.serve('wire', stories(now()));
    await rig.poll();
    offset += Math.ceil(now() / HOUR_MS) * HOUR_MS - now() + 1_000; // just past the top of the hour
    rig.twin.failRest({ status: 'drop', afterStore: true, count: 1, match: /\/messages$/ });
    await rig.poll();
    expect(digestMessages(rig, 'alerts')).toHaveLength(1);
    expect(rig.logged('alert not sent; will retry')).toHaveLength(1);

    offset += 10 * MINUTE;
    await rig.restart();
    await eventually(() => expect(rig!.logged('found a message whose answer was lost; not posting it again')).toHaveLength(1), 10_000);
    await rig.poll();
    expect(digestMessages(rig, 'alerts')).toHaveLength(1);
  });
});
