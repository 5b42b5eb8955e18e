import { startRig, story, type Rig } from './support/radar-rig';

/** Channels Discord closes to the bot for good: their subscriptions break, every other channel carries on. */
describe('channels that refuse alerts for good', () => {
  let rig: Rig;
  beforeEach(async () => {
    rig = await startRig({ channels: ['alerts', 'desk', 'floor'] });
    for (const channel of ['alerts', 'desk', 'floor']) await rig.subscribe(channel);
  });
  afterEach(() => rig.close());

  const postsTo = (channelId: string) => rig.twin.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`).length;
  const status = async () => JSON.stringify((await rig.command('status')).final);

  it('stops posting to a deleted channel after one refusal and keeps the others exact', async () => {
    const floor = rig.guild.channelId('floor');
    rig.twin.deleteChannel(rig.guild.id, floor);
    const first = [story(1, 'Dysprosium tender draws record bids', 20), story(2, 'Terbium stocks fall at Japanese magnet makers', 10)];
    rig.serve('wire', first);
    await rig.poll();
    // One 404 for the first alert; the second, queued behind it, is dropped without another request.
    expect(postsTo(floor)).toBe(1);
    rig.serve('wire', [story(3, 'JOGMEC widens its rare earth stockpile', 1), ...first]);
    await rig.poll();
    expect(postsTo(floor)).toBe(1);
    const all = ['Dysprosium tender draws record bids', 'Terbium stocks fall at Japanese magnet makers', 'JOGMEC widens its rare earth stockpile'];
    expect([rig.titles('alerts'), rig.titles('desk')]).toEqual([all, all]);
    expect(await status()).toContain(floor);
    expect(rig.logged('channel refused alerts; subscription marked broken')).toHaveLength(1);
  });

  it('marks a channel broken when the bot loses Send Messages there, and posts again after /subscribe', async () => {
    rig.twin.setBotPermissions(rig.guild.id, rig.guild.channelId('desk'), false);
    const first = story(1, 'Heavy rare earth prices hold steady', 5);
    rig.serve('wire', [first]);
    await rig.poll();
    expect([rig.titles('alerts'), rig.titles('desk'), rig.titles('floor')]).toEqual([[first.title], [], [first.title]]);
    expect(rig.twin.requests.some((r) => r.path.endsWith(`${rig.guild.channelId('desk')}/messages`) && r.status === 403)).toBe(true);
    expect(await status()).toMatch(/cannot be delivered/);

    rig.twin.setBotPermissions(rig.guild.id, rig.guild.channelId('desk'), true);
    await rig.subscribe('desk');
    const second = story(2, 'Sojitz books more Lynas dysprosium', 1);
    rig.serve('wire', [second, first]);
    await rig.poll();
    // The story refused while broken is not replayed; the new one reaches every channel once.
    expect([rig.titles('alerts'), rig.titles('desk'), rig.titles('floor')]).toEqual([[first.title, second.title], [second.title], [first.title, second.title]]);
  });
});
