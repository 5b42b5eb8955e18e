import { startRig, story, type Rig } from './support/radar-rig';

/** One story, however many feeds carry it and however a feed re-issues it, is one alert per channel. */
describe('cross-source dedupe', () => {
  let rig: Rig;
  beforeEach(async () => {
    rig = await startRig({ feeds: ['a', 'b', 'c'], channels: ['alerts', 'desk', 'prices'] });
    await rig.subscribe('alerts');
    await rig.subscribe('desk', 'japan-supply-chain');
  });
  afterEach(() => rig.close());

  const lynas = { ...story(1, 'Lynas and JOGMEC agree on heavy rare earth supply to Japan', 30), link: 'https://news.example/lynas-jogmec' };

  it('posts a story carried by three feeds in one poll once per channel', async () => {
    rig.serve('a', [lynas]);
    rig.serve('b', [{ ...lynas, guid: 'b-77', link: 'https://www.news.example/lynas-jogmec?utm_source=rss&utm_medium=feed' }]);
    rig.serve('c', [{ ...lynas, guid: 'c-5', link: 'https://aggregator.example/r/123', title: `${lynas.title} - Mining Wire` }]);
    await rig.poll();
    expect([rig.titles('alerts'), rig.titles('desk')]).toEqual([[lynas.title], [lynas.title]]);
  });

  it('posts nothing more when other feeds, a new guid, a reorder or an edited title bring the story back later', async () => {
    const other = story(2, 'Terbium prices ease after a record month', 20);
    rig.serve('a', [lynas, other]);
    await rig.poll();
    // Later polls: another outlet, the same feed re-issuing under a new guid, reordered, retitled.
    rig.serve('b', [{ ...lynas, guid: 'b-1', link: 'https://other-outlet.example/2026/lynas', title: lynas.title.toUpperCase() }]);
    await rig.poll();
    rig.serve('a', [other, { ...lynas, guid: 'republished-1' }]);
    await rig.poll();
    rig.serve('a', [{ ...lynas, title: 'Lynas and JOGMEC agree on heavy rare earth supply to Japan (updated)' }, other]);
    await rig.poll();
    rig.serve('c', [{ ...other, guid: 'c-9', link: 'https://www.news.example/story-2/?utm_campaign=x' }]);
    await rig.poll();
    expect(rig.titles('alerts')).toEqual([lynas.title, other.title]);
    expect(rig.titles('desk')).toEqual([lynas.title]);
  });

  it('posts another outlet\'s rewrite of a story once per channel, to a channel only the rewrite matched, and never swallows a look-alike', async () => {
    await rig.subscribe('prices', 'prices-markets');
    const deal = {
      ...story(5, 'Sojitz, JOGMEC to invest A$200m in Lynas heavy rare earths', 300),
      description: "Japan's Sojitz and state agency JOGMEC will invest A$200 million in Lynas Rare Earths to expand heavy rare earth separation in Malaysia, with dysprosium and terbium for Japan.",
    };
    rig.serve('a', [deal]);
    await rig.poll();
    const rewrite = {
      ...story(6, "UPDATE 2-Japan's JOGMEC and Sojitz put US$134.7m into Lynas heavy rare earths - Perth Mining Chronicle", 200),
      link: 'https://chronicle.example/lynas-japan',
      description: 'JOGMEC and Sojitz are investing in Lynas to fund heavy rare earth separation at its Malaysian plant; Japan gets priority access to the dysprosium, terbium and some NdPr.',
    };
    const lookAlike = {
      ...story(7, 'Sojitz and JOGMEC extend Lynas loan repayment to 2030', 100),
      description: 'Japan Australia Rare Earths, owned by Sojitz and JOGMEC, agreed to push back repayment of its loan to Lynas Rare Earths by three years to 2030.',
    };
    rig.serve('b', [lookAlike, rewrite]);
    await rig.poll();
    expect(rig.titles('alerts')).toEqual([deal.title, lookAlike.title]);
    expect(rig.titles('desk')).toEqual([deal.title, lookAlike.title]);
    // The prices desk never had the story: the rewrite, the first to mention NdPr, is news there.
    expect(rig.titles('prices')).toEqual([rewrite.title]);
  });

  it('still posts a different story whose title merely resembles a short, generic one', async () => {
    rig.serve('a', [{ ...story(3, 'Dysprosium update', 10), link: 'https://a.example/1' }]);
    rig.serve('b', [{ ...story(4, 'Dysprosium update', 5), link: 'https://b.example/2' }]);
    await rig.poll();
    expect(rig.titles('alerts')).toEqual(['Dysprosium update', 'Dysprosium update']);
  });
});
