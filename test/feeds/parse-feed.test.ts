import type { FeedSource } from '../../src/feeds/feed-source';
import type { NewsItem } from '../../src/feeds/news-item';
import { parseFeed } from '../../src/feeds/parse-feed';
import { readFixture } from './read-fixture';

const now = new Date('2026-09-16T00:00:00Z');
const feedFor = (url: string): FeedSource => ({ id: 'test-feed', name: 'Test Feed', url });

async function parsedItems(text: string, url = 'https://news.example.com/feed/'): Promise<NewsItem[]> {
  const outcome = await parseFeed(text, feedFor(url), now);
  if (outcome.kind !== 'parsed') throw new Error(`expected a parsed feed, got: ${outcome.reason}`);
  return outcome.items;
}

describe('parseFeed on fixtures', () => {
  it('reads a WordPress RSS feed with CDATA, entities and tags in titles', async () => {
    const outcome = await parseFeed(readFixture('wordpress-rss2.xml'), feedFor('https://news.example.com/feed/'), now);
    expect(outcome).toMatchObject({ kind: 'parsed', feedTitle: 'Rare Earth Desk – Radar Test Wire' });
    const items = outcome.kind === 'parsed' ? outcome.items : [];
    expect(items.map((item) => item.title)).toEqual([
      'Lynas & MP Materials lift heavy rare earth output',
      'JOGMEC’s stake in an Australian NdPr project approved',
      'Heavy rare earth prices climb for a third week',
      'Iluka & Arafura sign magnet-feed memorandum',
    ]);
    expect(items[0]).toMatchObject({
      id: 'https://news.example.com/?p=1214001',
      link: 'https://news.example.com/2026/09/15/lynas-mp-heavy-rare-earth/',
      canonicalLink: 'https://news.example.com/2026/09/15/lynas-mp-heavy-rare-earth',
      categories: ['Rare Earths', 'Dysprosium'],
      published: '2026-09-15T18:26:02.000Z',
    });
    expect(items[0]?.summary).toMatch(/^Both producers said separated dysprosium and terbium volumes rose in the quarter, helped by/);
    expect(items[2]?.summary).toBe('Terbium oxide led the gains in Asian trade.');
  });

  it('reads an Atom feed: html and xhtml titles, link choice, a bad date and a text-only link', async () => {
    const outcome = await parseFeed(readFixture('atom-multilink.xml'), feedFor('https://policy.example.org/releases.atom'), now);
    expect(outcome).toMatchObject({ kind: 'parsed', feedTitle: 'Critical Minerals Policy Releases' });
    const items = outcome.kind === 'parsed' ? outcome.items : [];
    expect(items.map(({ id, title, link, published }) => ({ id, title, link, published }))).toEqual([
      {
        id: 'tag:policy.example.org,2026:release-0912',
        title: 'JOGMEC backs heavy rare earth separation & recycling',
        link: 'https://policy.example.org/releases/0912',
        published: '2026-09-12T01:00:00.000Z',
      },
      {
        id: 'tag:policy.example.org,2026:release-0913',
        title: 'Terbium stockpile guidelines revised',
        link: 'https://policy.example.org/releases/0913',
        published: '2026-09-13T08:00:00.000Z',
      },
      {
        id: 'https://policy.example.org/releases/0914',
        title: 'Rare earth magnet recycling consultation opens',
        link: 'https://policy.example.org/releases/0914',
        published: '2026-09-14T00:00:00.000Z',
      },
    ]);
    expect(items[0]).toMatchObject({ summary: 'Funding for a dysprosium pilot plant.', categories: ['Heavy rare earths'] });
    expect(items[1]?.summary).toBe('Reserve targets for terbium were raised.');
  });

  it('reads RSS 1.0 keyed on rdf:about with dc:date and dc:subject', async () => {
    const items = await parsedItems(readFixture('rdf-1.0.xml'), 'https://press.example.jp/index.rdf');
    expect(items.map(({ id, published, categories }) => ({ id, published, categories }))).toEqual([
      { id: 'https://press.example.jp/2026/0910-01.html', published: '2026-09-10T06:00:00.000Z', categories: ['Rare earths'] },
      { id: 'https://press.example.jp/2026/0911-02.html', published: '2026-09-11T00:00:00.000Z', categories: [] },
    ]);
  });

  it('keys items without a usable guid on their canonical link, or a hash', async () => {
    const items = await parsedItems(readFixture('no-guid.xml'), 'https://notes.example.net/feed');
    expect(items.map((item) => item.id)).toEqual([
      'https://notes.example.net/posts/smco-expansion',
      'https://notes.example.net/posts/yttrium-shortage',
      'https://notes.example.net/posts/gallium-germanium',
      expect.stringMatching(/^hash:[0-9a-f]{40}$/),
    ]);
    expect(items[2]?.link).toBe('https://notes.example.net/posts/gallium-germanium');
  });

  it('gives the same ids when the same text is parsed twice', async () => {
    for (const name of ['no-guid.xml', 'mining-weekly-like.xml', 'bing-news-like.xml', 'wordpress-rss2.xml']) {
      const first = await parsedItems(readFixture(name));
      const second = await parsedItems(readFixture(name));
      expect(second.map((item) => item.id)).toEqual(first.map((item) => item.id));
    }
  });

  it('reads Mining-Weekly-like items without guid, with category and +0200 dates', async () => {
    const items = await parsedItems(readFixture('mining-weekly-like.xml'), 'https://digest.example.co.za/page/asia/feed');
    expect(items[0]).toMatchObject({
      id: 'https://digest.example.co.za/article/heavy-rare-earth-separation-plant-2026-09-15',
      title: 'Heavy rare earth separation plant in Malaysia lifts terbium output as ...',
      categories: ['RARE EARTHS'],
      published: '2026-09-15T08:15:00.000Z',
    });
    expect(items[0]?.summary).toContain('dysprosium');
  });

  it('reads Google News items: guid token, publisher, decoded description', async () => {
    const items = await parsedItems(readFixture('google-news-like.xml'), 'https://news.google.com/rss/search?q=x');
    expect(items[0]).toMatchObject({
      id: 'CBMiTESTTOKENlynas001',
      title: 'Lynas starts heavy rare earth production in Malaysia - Example Mining Times',
      link: 'https://news.google.com/rss/articles/CBMiTESTTOKENlynas001',
      canonicalLink: 'https://news.google.com/rss/articles/CBMiTESTTOKENlynas001',
      publisher: 'Example Mining Times',
      summary: 'Lynas starts heavy rare earth production in Malaysia Example Mining Times',
    });
  });

  it('reads Bing News items: click links unwrapped, keyed on the article', async () => {
    const items = await parsedItems(readFixture('bing-news-like.xml'), 'https://www.bing.com/news/search?q=rare+earth&format=rss');
    expect(items.map(({ id, link, publisher }) => ({ id, link, publisher }))).toEqual([
      {
        id: 'https://wire.example.com/markets/dysprosium-supply-tightens',
        link: 'https://wire.example.com/markets/dysprosium-supply-tightens',
        publisher: 'Example Wire',
      },
      { id: 'https://ledger.example.org/ndpr-quotes-edge-higher', link: 'https://www.ledger.example.org/ndpr-quotes-edge-higher/', publisher: 'Metals Ledger' },
    ]);
  });

  it('recovers a feed with unescaped ampersands instead of losing every item', async () => {
    const items = await parsedItems(readFixture('malformed-ampersand.xml'));
    expect(items.map((item) => item.title)).toEqual(['Rare Earths & Magnets conference opens in Perth', 'Cerium & lanthanum oversupply panel']);
    expect(items[0]?.link).toBe('https://events.example.com/news?id=41&page=2');
  });

  test.each([
    ['truncated XML', readFixture('truncated.xml'), /^invalid feed XML: .*\(line \d+, column \d+\)$/],
    ['an HTML page', readFixture('html-page.html'), /./],
    ['an empty document', '   ', /^empty document$/],
    ['a JSON body', '{"items": []}', /^invalid feed XML: /],
  ])('fails on %s with a one-line reason', async (_input, text, reason) => {
    const outcome = await parseFeed(text, feedFor('https://e.com/feed'), now);
    expect(outcome.kind).toBe('failed');
    const message = outcome.kind === 'failed' ? outcome.reason : '';
    expect(message).toMatch(reason);
    expect(message).not.toContain('\n');
  });
});

describe('parseFeed reading item dates', () => {
  const rss = (itemXml: string) =>
    `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"><channel><title>Dates</title>` +
    `<item><title>Samarium quota note</title><guid>d-1</guid>${itemXml}</item></channel></rss>`;
  const atom03 = (entryXml: string) =>
    `<?xml version="1.0"?><feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old Atom</title>` +
    `<entry><title>Yttrium tender</title><id>tag:old.example,2026:1</id>${entryXml}</entry></feed>`;

  test.each([
    ['an RSS pubDate with a colon offset', rss('<pubDate>Tue, 15 Sep 2026 10:00:00 +08:00</pubDate>'), '2026-09-15T02:00:00.000Z'],
    ['an RSS pubDate in ET during daylight time', rss('<pubDate>Tue, 15 Sep 2026 10:00:00 ET</pubDate>'), '2026-09-15T14:00:00.000Z'],
    ['dc:date', rss('<dc:date>2026-09-14T08:00+08:00</dc:date>'), '2026-09-14T00:00:00.000Z'],
    ['dcterms:issued', rss('<dcterms:issued>2026-09-13T12:00:00Z</dcterms:issued>'), '2026-09-13T12:00:00.000Z'],
    ['dcterms:created', rss('<dcterms:created>2026-09-13T12:00:00Z</dcterms:created>'), '2026-09-13T12:00:00.000Z'],
    ['dcterms:modified', rss('<dcterms:modified>2026-09-13T12:00:00Z</dcterms:modified>'), '2026-09-13T12:00:00.000Z'],
    ['dcterms:issued after an unreadable pubDate', rss('<pubDate>Sun, Dec x 2012</pubDate><dcterms:issued>2026-09-13</dcterms:issued>'), '2026-09-13T00:00:00.000Z'],
    ['Atom 0.3 issued', atom03('<issued>2026-09-12T09:30:00-04:00</issued><modified>2026-09-14T00:00:00Z</modified>'), '2026-09-12T13:30:00.000Z'],
    ['Atom 0.3 created', atom03('<created>2026-09-12T09:30:00Z</created>'), '2026-09-12T09:30:00.000Z'],
    ['Atom 0.3 modified', atom03('<modified>2026-09-14T00:00:00Z</modified>'), '2026-09-14T00:00:00.000Z'],
    ['no date from an impossible one', rss('<pubDate>Mon, 30 Feb 2026 10:00:00 GMT</pubDate>'), undefined],
    ['no date from a typo years ahead', rss('<pubDate>Tue, 15 Sep 2062 10:00:00 GMT</pubDate>'), undefined],
    ['no date from the ambiguous CST', rss('<pubDate>Tue, 15 Sep 2026 10:00:00 CST</pubDate>'), undefined],
  ])('reads %s', async (_case, xml, expected) => {
    const [item] = await parsedItems(xml);
    expect(item?.published).toBe(expected);
  });
});
