import { startRig, story, type Rig } from './support/radar-rig';

/** One story, however many feeds carry it and however a feed re-issues it, is one alert per channel. */
describe('cross-source dedupe', () => {
  let rig: Rig;
  beforeEach(async () => {
    rig = await startRig({ feeds: ['a', 'b', 'c'] });
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

  it('still posts a different story whose title merely resembles a short, generic one', async () => {
    rig.serve('a', [{ ...story(3, 'Dysprosium update', 10), link: 'https://a.example/1' }]);
    rig.serve('b', [{ ...story(4, 'Dysprosium update', 5), link: 'https://b.example/2' }]);
    await rig.poll();
    expect(rig.titles('alerts')).toEqual(['Dysprosium update', 'Dysprosium update']);
  });
});
