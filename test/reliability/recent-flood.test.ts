import type { APIEmbed } from 'discord.js';
import { MAX_RECENT_MATCHES } from '../../src/store/recent-matches-store';
import { ADMIN } from '../support/app-rig';
import { startRig, story, type Rig } from './support/radar-rig';

/** /recent answers from what this server received, however many other stories the bot matched since. */
describe('/recent on a busy bot', () => {
  let rig: Rig;
  beforeEach(async () => {
    rig = await startRig({ feeds: ['a', 'b'], channels: ['prices'] });
    await rig.subscribe('prices', 'prices-markets');
  });
  afterEach(() => rig.close());

  const recent = (options: Record<string, string | number>) =>
    rig.twin.invokeCommand({ guildId: rig.guild.id, channelId: rig.guild.channelId('prices'), userId: ADMIN, name: 'recent', options });
  const titlesOf = (reply: { final: { embeds?: unknown[] } }) =>
    ((reply.final.embeds?.[0] as APIEmbed | undefined)?.description ?? '').split('\n').flatMap((l) => l.match(/\[(.+?)\]/)?.[1] ?? []);

  it("still lists this server's stories after more of other topics went by than the bot keeps for everyone", async () => {
    const ndpr = story(1, 'NdPr oxide slips for a third week as Chinese buyers hold off', 120);
    // Stories of a topic this server does not take (others' news), each its own story: more than the shared memory holds.
    const flood = Array.from({ length: MAX_RECENT_MATCHES + 30 }, (_, i) => story(100 + i, `JOGMEC backs Kor${i}vex Minerals project in Zan${i}ora province`, 60 - i / 10));
    // B's first poll (its one item) is behind it: the rest is news, not a first poll's backlog.
    rig.serve('a', [ndpr]);
    rig.serve('b', flood.slice(0, 1));
    await rig.poll();
    rig.serve('b', flood);
    await rig.poll();
    expect(rig.titles('prices')).toEqual([ndpr.title]);
    expect(titlesOf(await recent({}))).toEqual([ndpr.title]);
    expect(titlesOf(await recent({ topic: 'prices-markets' }))).toEqual([ndpr.title]);
    // Another topic still answers from what the bot matched lately (what the server would get by subscribing).
    expect(titlesOf(await recent({ topic: 'japan-supply-chain', count: 3 }))).toHaveLength(3);
  });
});
