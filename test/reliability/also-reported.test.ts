import type { APIEmbed } from 'discord.js';
import { eventually } from '../support/eventually';
import { FAST_TIMINGS, startRig, story, type Rig } from './support/radar-rig';

/** A story another outlet retells later edits the channel's one message; it is never posted twice. */
describe('also reported by', () => {
  let rig: Rig;
  beforeEach(async () => {
    rig = await startRig({ feeds: ['a', 'b', 'c'], channels: ['alerts'], timings: { ...FAST_TIMINGS, editIntervalMs: 0 } });
    await rig.subscribe('alerts');
  });
  afterEach(() => rig.close());

  const deal = {
    ...story(1, 'Sojitz and JOGMEC to invest A$200m in Lynas heavy rare earths', 300),
    description: 'Sojitz and the Japanese agency JOGMEC will put A$200 million into Lynas Rare Earths to expand heavy rare earth separation in Malaysia, securing dysprosium and terbium for Japan.',
  };
  const rewrite = {
    ...story(2, "UPDATE 1-Japan's JOGMEC and Sojitz put US$134.7m into Lynas heavy rare earths", 200),
    link: 'https://chronicle.example/lynas-japan',
    description: 'JOGMEC and Sojitz are investing in Lynas to fund heavy rare earth separation at its Malaysian plant; Japan gets priority access to dysprosium and terbium.',
  };
  const third = {
    ...story(3, 'JOGMEC, Sojitz back Lynas heavy rare earths expansion with A$200 million', 100),
    link: 'https://metals-daily.example/jogmec-sojitz-lynas',
    description: 'Sojitz and JOGMEC commit A$200 million to Lynas Rare Earths for heavy rare earth separation in Malaysia, with dysprosium and terbium supply for Japan.',
  };
  const channel = () => rig.guild.channelId('alerts');
  const alsoReported = () => rig.twin.messages(channel()).map((m) => (m.embeds as APIEmbed[])[0]?.fields?.find((f) => f.name === 'Also reported by')?.value);
  const edits = () => rig.twin.requests.filter((r) => r.method === 'PATCH' && r.path.startsWith(`/channels/${channel()}/messages/`));

  it('edits the first message once to name the second outlet, and posts nothing more', async () => {
    rig.serve('a', [deal]);
    await rig.poll();
    rig.serve('b', [rewrite]);
    await rig.poll();
    await eventually(() => expect(alsoReported()).toEqual(['[Wire b](https://chronicle.example/lynas-japan)']));
    expect(rig.titles('alerts')).toEqual([deal.title]);
    // The same outlet again, and more polls, change nothing.
    rig.serve('b', [rewrite, { ...rewrite, guid: 'b-again', link: 'https://chronicle.example/lynas-japan-2' }]);
    await rig.poll();
    await rig.poll();
    expect(edits()).toHaveLength(1);
    expect(rig.titles('alerts')).toEqual([deal.title]);
  });

  it('names an outlet that retold the story before the first post went out, once that post is made', async () => {
    rig.serve('a', [deal]);
    rig.serve('b', [rewrite]);
    await rig.poll();
    await eventually(() => expect(alsoReported()).toEqual(['[Wire b](https://chronicle.example/lynas-japan)']));
    expect(rig.titles('alerts')).toEqual([deal.title]);
    expect(edits()).toHaveLength(1);
  });

  it('adds each new outlet once, also after a restart', async () => {
    rig.serve('a', [deal]);
    await rig.poll();
    await rig.restart();
    rig.serve('b', [rewrite]);
    await rig.poll();
    await eventually(() => expect(alsoReported()).toEqual(['[Wire b](https://chronicle.example/lynas-japan)']));
    await rig.restart();
    rig.serve('c', [third]);
    await rig.poll();
    await eventually(() => expect(alsoReported()).toEqual(['[Wire b](https://chronicle.example/lynas-japan), [Wire c](https://metals-daily.example/jogmec-sojitz-lynas)']));
    expect(edits()).toHaveLength(2);
    expect(rig.titles('alerts')).toEqual([deal.title]);
  });

  it('names another outlet carrying the identical headline or the same link, once each, also after a restart', async () => {
    rig.serve('a', [deal]);
    await rig.poll();
    rig.serve('b', [{ ...deal, guid: 'b-1', link: 'https://chronicle.example/same-headline' }]);
    await rig.poll();
    await eventually(() => expect(alsoReported()).toEqual(['[Wire b](https://chronicle.example/same-headline)']));
    await rig.restart();
    rig.serve('c', [{ ...deal, guid: 'c-1', title: 'Lynas wins Japanese backing for heavy rare earths' }]);
    await rig.poll();
    await eventually(() => expect(alsoReported()).toEqual([`[Wire b](https://chronicle.example/same-headline), [Wire c](${deal.link})`]));
    // Each feed re-serving its copy (a new guid, the same link), and more polls, change nothing.
    rig.serve('a', [deal, { ...deal, guid: 'a-again' }]);
    rig.serve('b', [{ ...deal, guid: 'b-2', link: 'https://chronicle.example/same-headline' }]);
    await rig.poll();
    await rig.poll();
    expect(edits()).toHaveLength(2);
    expect(rig.titles('alerts')).toEqual([deal.title]);
  });

  it('names an outlet carrying the same headline in the same poll once the first post is made', async () => {
    rig.serve('a', [deal]);
    rig.serve('b', [{ ...deal, guid: 'b-1', link: 'https://chronicle.example/same-headline' }]);
    await rig.poll();
    // Whichever feed finished first founds the story; the other is named on its message.
    await eventually(() => expect(alsoReported()).toEqual([expect.stringMatching(/^\[Wire [ab]\]\(https:\/\/[^)]+\)$/u)]));
    await rig.poll();
    expect(edits()).toHaveLength(1);
    expect(rig.titles('alerts')).toEqual([deal.title]);
  });

  it('records an edit of a deleted message once and never retries or reposts it', async () => {
    rig.serve('a', [deal]);
    await rig.poll();
    const [posted] = rig.twin.messages(channel());
    rig.twin.deleteMessage(channel(), posted!.id);
    rig.serve('b', [rewrite]);
    await rig.poll();
    await eventually(() => expect(rig.logged('story message cannot be edited; not trying again')).toHaveLength(1));
    rig.serve('c', [third]);
    await rig.poll();
    await rig.poll();
    expect(rig.twin.messages(channel())).toHaveLength(0);
    expect(rig.twin.requests.filter((r) => r.path === `/channels/${channel()}/messages/${posted!.id}`)).toHaveLength(1);
    expect(rig.logged('story message cannot be edited; not trying again')).toHaveLength(1);
  });

  it('gives up an edit Discord keeps failing after a bounded number of tries, and records it', async () => {
    rig.serve('a', [deal]);
    await rig.poll();
    const [posted] = rig.twin.messages(channel());
    rig.twin.failRest({ status: 503, untilMs: 60_000, match: new RegExp(`/messages/${posted!.id}$`) });
    rig.serve('b', [rewrite]);
    await rig.poll();
    await eventually(() => expect(rig.logged('story message cannot be edited; not trying again')).toHaveLength(1), 10_000);
    const tries = rig.twin.requests.filter((r) => r.path.endsWith(`/messages/${posted!.id}`)).length;
    rig.serve('c', [third]);
    await rig.poll();
    await rig.poll();
    expect(rig.twin.requests.filter((r) => r.path.endsWith(`/messages/${posted!.id}`))).toHaveLength(tries);
    expect(rig.titles('alerts')).toEqual([deal.title]);
  });
});
