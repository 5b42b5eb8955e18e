import { parseFeed } from '../../src/feeds/parse-feed';
import { atom, raw, rdf, rss2 } from '../support/feed-builders';
import { startFeedServer } from '../support/feed-server';

const feed = { id: 'f', name: 'F', url: 'https://feed.example.com/' };
const now = new Date('2026-09-16T00:00:00Z');

async function titlesAndLinks(text: string): Promise<{ title: string; link: string }[]> {
  const outcome = await parseFeed(text, feed, now);
  if (outcome.kind !== 'parsed') throw new Error(outcome.reason);
  return outcome.items.map(({ title, link }) => ({ title, link }));
}

describe('feed builders', () => {
  it('escapes rss2 text by default', async () => {
    const text = rss2({ title: 'T', items: [{ title: 'Lynas & MP', link: 'https://e.com/a?x=1&y=2', guid: 'g' }] });
    expect(text).toContain('<title>Lynas &amp; MP</title>');
    expect(await titlesAndLinks(text)).toEqual([{ title: 'Lynas & MP', link: 'https://e.com/a?x=1&y=2' }]);
  });

  it('inserts raw() markup verbatim', () => {
    expect(rss2({ title: 'T', items: [{ title: raw('Rare Earths & Magnets') }] })).toContain('<title>Rare Earths & Magnets</title>');
  });

  it('builds Atom that parses', async () => {
    const text = atom({
      title: 'A',
      entries: [{ title: raw('<div xmlns="http://www.w3.org/1999/xhtml">Terbium <em>news</em></div>'), titleType: 'xhtml', id: 'tag:1', links: [{ href: 'https://e.com/t', rel: 'alternate', type: 'text/html' }] }],
    });
    expect(await titlesAndLinks(text)).toEqual([{ title: 'Terbium news', link: 'https://e.com/t' }]);
  });

  it('builds RDF that parses', async () => {
    const text = rdf({ title: 'R', items: [{ about: 'https://e.com/r1', title: 'Yttrium', link: 'https://e.com/r1', date: '2026-09-10' }] });
    expect(await titlesAndLinks(text)).toEqual([{ title: 'Yttrium', link: 'https://e.com/r1' }]);
  });
});

describe('startFeedServer', () => {
  it('serves routes, answers 304 to matching validators, records requests and 404s the rest', async () => {
    const server = await startFeedServer();
    try {
      server.route('/feed', { body: 'x', etag: '"e1"', headers: { 'X-Test': 'yes' } });
      const first = await fetch(server.url('/feed'));
      expect([first.status, first.headers.get('etag'), first.headers.get('x-test'), await first.text()]).toEqual([200, '"e1"', 'yes', 'x']);
      const second = await fetch(server.url('/feed'), { headers: { 'If-None-Match': '"e1"' } });
      expect(second.status).toBe(304);
      expect((await fetch(server.url('/missing'))).status).toBe(404);
      expect(server.requests().map((request) => request.path)).toEqual(['/feed', '/feed', '/missing']);
      expect(server.requests('/feed')[1]?.headers['if-none-match']).toBe('"e1"');
    } finally {
      await server.close();
    }
  });

  it('closes even with a request still hanging', async () => {
    const server = await startFeedServer();
    server.route('/hang', { body: 'never finished', hang: true });
    const response = await fetch(server.url('/hang'));
    const reading = response.text().catch((error: unknown) => error);
    await server.close();
    expect(await reading).toBeDefined();
  });
});
