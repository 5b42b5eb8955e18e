import { fetchFeed, type FetchOptions, type FetchOutcome } from '../../src/feeds/fetch-feed';
import { parseFeed } from '../../src/feeds/parse-feed';
import { rss2 } from '../support/feed-builders';
import { startFeedServer, type FeedRoute, type FeedServer } from '../support/feed-server';
import { readFixture, readFixtureBytes } from './read-fixture';
import { gzipSync } from 'node:zlib';

const options: FetchOptions = { timeoutMs: 60_000, maxBodyBytes: 200_000, maxRedirects: 3 };
const feedXml = rss2({ title: 'Desk', items: [{ title: 'NdPr oxide steady', guid: 'g-1' }] });
const now = new Date('2026-09-16T00:00:00Z');

let server: FeedServer;
beforeEach(async () => {
  server = await startFeedServer();
});
afterEach(async () => {
  await server.close();
});

async function fetchRoute(route: FeedRoute, overrides: Partial<FetchOptions> = {}): Promise<FetchOutcome> {
  server.route('/feed', route);
  return fetchFeed({ url: server.url('/feed') }, { ...options, ...overrides });
}

async function fetchedTitles(route: FeedRoute): Promise<{ charset: string; titles: string[] }> {
  const outcome = await fetchRoute(route);
  if (outcome.kind !== 'fetched') throw new Error(`expected fetched, got ${JSON.stringify(outcome)}`);
  const parsed = await parseFeed(outcome.text, { id: 'f', name: 'F', url: server.url('/feed') }, now);
  if (parsed.kind !== 'parsed') throw new Error(parsed.reason);
  return { charset: outcome.charset, titles: parsed.items.map((item) => item.title) };
}

describe('fetchFeed decoding', () => {
  test.each([
    ['GB2312 declared only in the prolog', { body: readFixtureBytes('gb2312.xml') }, 'gbk', ['稀土 镝 价格上涨', '中重稀土分离项目获批']],
    [
      'Shift_JIS declared only in the Content-Type header',
      { body: readFixtureBytes('shift-jis.xml'), contentType: 'application/rss+xml; charset=Shift_JIS' },
      'shift_jis',
      ['JOGMEC、レアアース権益を取得', 'ジスプロシウム回収の実証を開始'],
    ],
    [
      'ISO-8859-1 declared only in the prolog',
      { body: readFixtureBytes('iso-8859-1-prolog.xml') },
      'windows-1252',
      ['Métaux rares : hausse du néodyme et du dysprosium'],
    ],
    [
      'a quoted charset in the header',
      { body: readFixtureBytes('iso-8859-1-prolog.xml'), contentType: 'text/xml; charset="ISO-8859-1"' },
      'windows-1252',
      ['Métaux rares : hausse du néodyme et du dysprosium'],
    ],
    [
      'a UTF-8 BOM under a latin1 header',
      { body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(readFixture('wordpress-rss2.xml'))]), contentType: 'text/xml; charset=iso-8859-1' },
      'utf-8',
      expect.arrayContaining(['JOGMEC’s stake in an Australian NdPr project approved']),
    ],
    [
      'UTF-16 with a BOM',
      { body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rss2({ title: 'T', items: [{ title: 'ジスプロシウム', guid: 'g' }] }).replace('UTF-8', 'UTF-16'), 'utf16le')]) },
      'utf-16le',
      ['ジスプロシウム'],
    ],
    [
      'UTF-8 bytes mislabelled as GBK',
      { body: Buffer.from(rss2({ title: 'T', items: [{ title: '稀土 镝 价格上涨', guid: 'g' }] })), contentType: 'application/xml; charset=gbk' },
      'utf-8',
      ['稀土 镝 价格上涨'],
    ],
  ])('decodes %s', async (_case, route, charset, titles) => {
    expect(await fetchedTitles(route)).toEqual({ charset, titles });
  });

  test.each([
    ['gzip', { gzip: true }],
    ['brotli', { brotli: true }],
  ])('reads a %s-compressed response', async (_encoding, compression) => {
    expect(await fetchedTitles({ body: feedXml, ...compression })).toEqual({ charset: 'utf-8', titles: ['NdPr oxide steady'] });
  });

  it('gunzips a gzip body sent without Content-Encoding', async () => {
    expect(await fetchedTitles({ body: gzipSync(feedXml) })).toEqual({ charset: 'utf-8', titles: ['NdPr oxide steady'] });
  });
});

describe('fetchFeed limits and non-feeds', () => {
  const big = rss2({ title: 'Huge', items: Array.from({ length: 3_000 }, (_, index) => ({ title: `Cerium note ${index}`, guid: `g-${index}` })) });

  test.each([
    ['a declared Content-Length', { body: big }],
    ['a gzip body that inflates past the cap', { body: big, gzip: true }],
    ['a raw gzip body that inflates past the cap', { body: gzipSync(big) }],
  ])('refuses a body larger than the cap by %s', async (_case, route) => {
    expect(await fetchRoute(route)).toEqual({ kind: 'failed', failure: 'too-large', reason: 'body larger than 200000 bytes', status: 200 });
  });

  it('refuses a chunked body as soon as it passes the cap, without waiting for the end', async () => {
    const outcome = await fetchRoute({ body: big, hang: true }, { maxBodyBytes: 50_000 });
    expect(outcome).toEqual({ kind: 'failed', failure: 'too-large', reason: 'body larger than 50000 bytes', status: 200 });
  });

  test.each([
    ['an HTML page served as text/html', { body: readFixture('html-page.html'), contentType: 'text/html; charset=utf-8' }, 'HTML page instead of a feed'],
    ['an HTML page served as XML', { body: readFixture('html-page.html'), contentType: 'application/xml' }, 'HTML page instead of a feed'],
    ['a JSON body', { body: '{"error":"nope"}', contentType: 'application/json' }, 'not a feed: body starts with "{\\"error\\":\\"nope\\"}"'],
    ['an empty body', { body: '' }, 'empty body'],
  ])('rejects %s before parsing', async (_case, route, reason) => {
    expect(await fetchRoute(route)).toEqual({ kind: 'failed', failure: 'not-a-feed', reason, status: 200 });
  });

  it('accepts a real feed that a misconfigured server labels text/html', async () => {
    expect(await fetchRoute({ body: feedXml, contentType: 'text/html' })).toMatchObject({ kind: 'fetched' });
  });
});
