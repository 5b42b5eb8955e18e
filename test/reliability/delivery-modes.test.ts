import type { APIEmbed } from 'discord.js';
import { createFakeClock } from './support/fake-clock';
import { ADMIN } from '../support/app-rig';
import { startRig, story, type Rig } from './support/radar-rig';

const HOUR = 3_600_000;

describe('compact alerts', () => {
  let rig: Rig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('posts one line per story with the title link, source and topics, and packs a backlog as lines', async () => {
    rig = await startRig();
    const reply = await rig.command('subscribe', { channel: rig.guild.channelId('alerts'), compact: true as unknown as string });
    expect(reply.final.content).toContain('as compact one-line alerts');
    expect(reply.final.embeds).toEqual([]);
    expect(reply.final.content).toMatch(/Each alert in <#\d+> will be one line, like this sample:\n\*\*\[/);
    await rig.subscribe('desk');
    rig.serve('wire', [story(1, 'Dysprosium tender draws record bids', 5)]);
    await rig.poll();
    const [line] = rig.twin.messages(rig.guild.channelId('alerts'));
    expect(line?.embeds).toEqual([]);
    expect(line?.content).toBe('**[Dysprosium tender draws record bids](<https://wire.example/story-1>)** — Wire wire · Heavy rare earths');
    // The other channel keeps the embed.
    expect((rig.twin.messages(rig.guild.channelId('desk'))[0]?.embeds as APIEmbed[])[0]?.title).toBe('Dysprosium tender draws record bids');

    const burst = Array.from({ length: 8 }, (_, i) => story(i + 2, `Terbium shipment number ${i + 2} leaves the port`, 4 - i / 10));
    rig.serve('wire', burst);
    await rig.poll();
    const later = rig.twin.messages(rig.guild.channelId('alerts')).slice(1);
    expect(later.length).toBeLessThan(8);
    expect(later.flatMap((m) => m.content.split('\n'))).toHaveLength(8);
    expect(later.every((m) => m.embeds.length === 0 && m.content.length <= 2000)).toBe(true);
  });
});

describe('health notices in the server', () => {
  let rig: Rig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });
  const notices = (r: Rig, channel: string) => r.twin.messages(r.guild.channelId(channel)).filter((m) => m.content.startsWith('⚠️'));

  it('posts one notice in the system channel when a subscription breaks, at most once a day', async () => {
    const clock = createFakeClock(Date.parse('2026-03-10T10:00:00Z'));
    rig = await startRig({ now: clock.now, channels: ['alerts', 'floor', 'town-square'], systemChannel: 'town-square' });
    await rig.subscribe('alerts');
    await rig.subscribe('floor');
    const floor = rig.guild.channelId('floor');
    const breakFloor = async (n: number) => {
      rig!.twin.setBotPermissions(rig!.guild.id, floor, false);
      rig!.serve('wire', [story(n, `Heavy rare earth cargo number ${n} arrives`, 1, clock.now().getTime())]);
      await rig!.poll();
    };
    await breakFloor(1);
    expect(notices(rig, 'town-square')).toHaveLength(1);
    expect(notices(rig, 'town-square')[0]?.content).toContain(`stopped posting alerts in <#${floor}>`);
    expect(notices(rig, 'town-square')[0]?.allowed_mentions).toEqual({ parse: [] });

    // Repaired and broken again the same day: no second notice.
    clock.advance(HOUR);
    rig.twin.setBotPermissions(rig.guild.id, floor, true);
    await rig.subscribe('floor');
    await breakFloor(2);
    expect(rig.logged('channel refused alerts; subscription marked broken')).toHaveLength(2);
    expect(notices(rig, 'town-square')).toHaveLength(1);
    const status = (await rig.command('status')).final.content ?? '';
    expect(status).toContain(`alerts stopped in <#${floor}>, posted in <#${rig.guild.channelId('town-square')}>`);

    // A day later the same cause may be told again.
    clock.advance(24 * HOUR);
    rig.twin.setBotPermissions(rig.guild.id, floor, true);
    await rig.subscribe('floor');
    await breakFloor(3);
    expect(notices(rig, 'town-square')).toHaveLength(2);
    expect(notices(rig, 'alerts')).toEqual([]);
  });

  it('posts the notice where /subscribe was last run when the server has no system channel', async () => {
    rig = await startRig({ channels: ['alerts', 'floor'] });
    await rig.subscribe('floor'); // run from the first channel, `alerts`
    rig.twin.deleteChannel(rig.guild.id, rig.guild.channelId('floor'));
    rig.serve('wire', [story(1, 'Terbium oxide climbs again this week', 1)]);
    await rig.poll();
    expect(notices(rig, 'alerts')).toHaveLength(1);
  });

  it("tells a subscribed channel once when the server's own feed has failed for a day, never for built-in feeds", async () => {
    const clock = createFakeClock(Date.parse('2026-03-10T10:00:00Z'));
    rig = await startRig({ now: clock.now, feeds: ['wire', 'broken-builtin'] });
    rig.feedServer.route('/broken-builtin.xml', { status: 500, body: 'down' });
    // /feed add checks the feed once, so it answers at first and fails from then on.
    rig.serve('own', [story(1, 'Our desk feed opens with a terbium story', 60, clock.now().getTime())]);
    await rig.subscribe('desk');
    const added = await rig.command('feed', { url: rig.feedServer.url('/own.xml'), name: 'Our desk feed' }, 'add');
    expect(added.final.content).toMatch(/Added/);
    rig.feedServer.route('/own.xml', { status: 500, body: 'down' });
    await rig.poll();
    clock.advance(23 * HOUR);
    await rig.poll();
    expect(notices(rig, 'desk')).toEqual([]);
    clock.advance(2 * HOUR);
    await rig.poll();
    await rig.poll();
    const posted = notices(rig, 'desk');
    expect(posted).toHaveLength(1);
    expect(posted[0]?.content).toContain('(Our desk feed) has failed since');
    expect(posted.some((m) => m.content.includes('broken-builtin'))).toBe(false);
  });
});

describe('bad delivery options in /subscribe', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig({ channels: ['alerts', 'voice'], channelTypes: { voice: 2 } });
  });
  afterAll(() => rig.close());

  test.each([
    [{ mode: 'daily', at: '25:00' }, /"25:00" is not a time of day/],
    [{ mode: 'daily', at: '9:7' }, /"9:7" is not a time of day/],
    [{ mode: 'daily', timezone: 'Mars/Olympus' }, /"Mars\/Olympus" is not a time zone/],
    [{ at: '08:00' }, /`at` sets the time of a daily digest/],
    [{ mode: 'hourly', at: '08:00' }, /`at` sets the time of a daily digest/],
    [{ timezone: 'Asia/Tokyo' }, /`timezone` is for digests/],
    [{ mode: 'daily', compact: true as unknown as string }, /`compact` is for instant alerts/],
  ])('refuses %j ephemerally and stores nothing', async (options, message) => {
    const reply = await rig.command('subscribe', { channel: rig.guild.channelId('alerts'), ...options });
    expect(reply.ephemeral).toBe(true);
    expect(reply.final.content).toMatch(message);
    expect(reply.final.content).toMatch(/Nothing was changed/);
    expect((await rig.command('subscriptions')).final.content).toMatch(/no subscriptions yet/);
  });

  it('suggests IANA time zones as the timezone is typed', async () => {
    const use = { guildId: rig.guild.id, channelId: rig.guild.channelId('alerts'), userId: ADMIN, name: 'subscribe' };
    const tokyo = await rig.twin.autocomplete({ ...use, focused: 'timezone', options: { timezone: 'toky' } });
    expect(tokyo.map((c) => c.value)).toEqual(['Asia/Tokyo']);
    const europe = await rig.twin.autocomplete({ ...use, focused: 'timezone', options: { timezone: 'europe/' } });
    expect(europe.length).toBe(25);
    expect(europe.every((c) => String(c.value).startsWith('Europe/'))).toBe(true);
  });

  it('refuses a voice channel ephemerally and stores nothing', async () => {
    const reply = await rig.command('subscribe', { channel: rig.guild.channelId('voice'), mode: 'hourly' });
    expect(reply.ephemeral).toBe(true);
    expect(reply.final.content).toMatch(/can't post alerts there: .* is not a text, announcement or forum channel/);
    expect((await rig.command('subscriptions')).final.content).toMatch(/no subscriptions yet/);
  });
});
