import { probeFeed } from '../../src/feeds/probe-feed';
import { rss2 } from '../support/feed-builders';
import { startFeedServer, type FeedServer } from '../support/feed-server';

const OPTIONS = { timeoutMs: 60_000, maxBodyBytes: 100_000, maxRedirects: 2 };
const NOW = new Date('2025-03-03T12:00:00Z');

let feeds: FeedServer;
beforeAll(async () => {
  feeds = await startFeedServer();
});
afterAll(async () => {
  await feeds?.close();
});

describe('probeFeed', () => {
  it('reports the title, the item count and the newest item by date, not by position', async () => {
    feeds.route('/ok.xml', {
      body: rss2({
        title: 'Terbium desk',
        items: [
          { title: 'Undated note', guid: 'a' },
          { title: 'Older', guid: 'b', pubDate: 'Sat, 01 Mar 2025 08:00:00 GMT' },
          { title: 'Newest', guid: 'c', pubDate: 'Sun, 02 Mar 2025 08:00:00 GMT' },
        ],
      }),
    });
    const probe = await probeFeed(feeds.url('/ok.xml'), OPTIONS, NOW);
    expect(probe).toMatchObject({ ok: true, title: 'Terbium desk', itemCount: 3, newest: { title: 'Newest' } });
  });

  it('accepts a feed with no items yet', async () => {
    feeds.route('/empty.xml', { body: rss2({ title: 'Quiet', items: [] }) });
    expect(await probeFeed(feeds.url('/empty.xml'), OPTIONS, NOW)).toEqual({ ok: true, url: feeds.url('/empty.xml'), title: 'Quiet', itemCount: 0 });
  });

  test.each([
    ['a web page', { body: '<html><body>PRIVATE words</body></html>', contentType: 'text/html' }, /^it is not an RSS or Atom feed/],
    ['a server error', { status: 500, body: 'PRIVATE stack trace' }, /^the server answered 500 Internal Server Error$/],
    ['a refusal', { status: 403, body: 'PRIVATE' }, /^the server refused the request \(403 Forbidden\)$/],
    ['a body over the size limit', { body: `<rss>${'x'.repeat(200_000)}</rss>` }, /^the feed is larger than this bot accepts$/],
    ['broken XML', { body: '<?xml version="1.0"?><rss><channel><title>PRIVATE</title><item></channel>' }, /^it is not an RSS or Atom feed/],
  ])('refuses %s in its own words, never quoting the response', async (_what, route, reason) => {
    const path = `/refuse-${Math.random().toString(36).slice(2)}`;
    feeds.route(path, route);
    const probe = await probeFeed(feeds.url(path), OPTIONS, NOW);
    expect(probe.ok).toBe(false);
    const text = probe.ok ? '' : probe.reason;
    expect(text).toMatch(reason);
    expect(text).not.toContain('PRIVATE');
  });

  it('refuses a redirect to an address the check forbids', async () => {
    feeds.route('/hop.xml', { status: 302, headers: { Location: 'http://10.0.0.1/PRIVATE.xml' } });
    const checkUrl = async (url: string) => (url.includes('10.0.0.1') ? 'private address' : undefined);
    expect(await probeFeed(feeds.url('/hop.xml'), { ...OPTIONS, checkUrl }, NOW)).toEqual({
      ok: false,
      reason: 'the address redirects to a private or local address, which feeds may not use',
    });
  });

  it('says a host that does not answer could not be reached', async () => {
    const closed = await startFeedServer();
    const url = closed.url('/gone.xml');
    await closed.close();
    expect(await probeFeed(url, OPTIONS, NOW)).toEqual({ ok: false, reason: 'the server could not be reached' });
  });
});
