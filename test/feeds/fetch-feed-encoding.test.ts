import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { fetchFeed, type FetchOptions, type FetchOutcome } from '../../src/feeds/fetch-feed';
import { rss2 } from '../support/feed-builders';
import { startFeedServer, type FeedRoute, type FeedServer } from '../support/feed-server';

const options: FetchOptions = { timeoutMs: 60_000, maxBodyBytes: 200_000, maxRedirects: 3 };
const feedXml = rss2({ title: 'Desk', items: [{ title: 'Terbium supply tightens', guid: 'g-1' }] });
const feedBytes = Buffer.from(feedXml);

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

/** A body already encoded by the test, sent with the Content-Encoding it names. */
function encoded(contentEncoding: string, body: Buffer): FeedRoute {
  return { body, headers: { 'Content-Encoding': contentEncoding } };
}

describe('fetchFeed undoing Content-Encoding', () => {
  test.each([
    ['gzip', encoded('gzip', gzipSync(feedBytes))],
    ['x-gzip', encoded('x-gzip', gzipSync(feedBytes))],
    ['deflate with its zlib wrapper', encoded('deflate', deflateSync(feedBytes))],
    ['raw deflate, as browsers accept', encoded('deflate', deflateRawSync(feedBytes))],
    ['br', encoded('br', brotliCompressSync(feedBytes))],
    ['a stacked "gzip, br", undone last to first', encoded('gzip, br', brotliCompressSync(gzipSync(feedBytes)))],
    ['a stacked "deflate, gzip" with raw deflate inside', encoded('deflate, gzip', gzipSync(deflateRawSync(feedBytes)))],
    ['an upper-case coding name', encoded('GZIP', gzipSync(feedBytes))],
    ['identity', encoded('identity', feedBytes)],
    ['gzip around a body that is gzipped again without saying so', encoded('gzip', gzipSync(gzipSync(feedBytes)))],
    ['gzip cut short before its trailer, as browsers accept', encoded('gzip', gzipSync(feedBytes).subarray(0, -8))],
  ])('reads a body sent as %s', async (_case, route) => {
    expect(await fetchRoute(route)).toMatchObject({ kind: 'fetched', text: feedXml, status: 200 });
  });

  it('keeps a feed whose server names an unknown coding but sends plain bytes, as browsers do', async () => {
    expect(await fetchRoute(encoded('utf-8', feedBytes))).toMatchObject({ kind: 'fetched', text: feedXml });
  });

  it('says which coding it could not undo when the bytes are not a feed', async () => {
    const outcome = await fetchRoute(encoded('compress', Buffer.from([0x1f, 0x9d, 0x90, 0x3c, 0x72, 0x73, 0x73])));
    expect(outcome).toEqual({ kind: 'failed', failure: 'not-a-feed', reason: 'unsupported Content-Encoding "compress"', status: 200 });
  });

  test.each([
    ['gzip', encoded('gzip', Buffer.concat([gzipSync(feedBytes).subarray(0, 10), Buffer.from('not deflate data at all')]))],
    ['br', encoded('br', Buffer.from('this is not brotli'))],
    ['deflate', encoded('deflate', Buffer.from([0x78, 0x9c, 0xff, 0xff, 0xff, 0xff]))],
  ])('reports a %s body that does not decode', async (coding, route) => {
    expect(await fetchRoute(route)).toEqual({ kind: 'failed', failure: 'network', reason: expect.stringMatching(new RegExp(`^${coding} body does not decode: .+`)), status: 200 });
  });
});

describe('fetchFeed capping the decoded body', () => {
  // 20 MB of zeros compresses to a few KB: a decompression bomb far under the cap on the wire.
  const zeros = Buffer.alloc(20_000_000);

  test.each([
    ['gzip', encoded('gzip', gzipSync(zeros))],
    ['deflate', encoded('deflate', deflateSync(zeros))],
    ['raw deflate', encoded('deflate', deflateRawSync(zeros))],
    ['br', encoded('br', brotliCompressSync(zeros))],
    ['gzip, br', encoded('gzip, br', brotliCompressSync(gzipSync(zeros)))],
  ])('refuses a %s bomb that inflates past the cap', async (_case, route) => {
    expect(await fetchRoute(route)).toEqual({ kind: 'failed', failure: 'too-large', reason: 'body larger than 200000 bytes', status: 200 });
  });

  it('stops a bomb at the cap while its body is still arriving, without waiting for the end', async () => {
    // Half of the compressed bytes are sent and the response never finishes: only a decoder read as it
    // streams can see the cap passed; one that waited for the whole body would time out instead.
    const outcome = await fetchRoute({ body: zeros, gzip: true, hang: true }, { timeoutMs: 30_000 });
    expect(outcome).toEqual({ kind: 'failed', failure: 'too-large', reason: 'body larger than 200000 bytes', status: 200 });
  });

  it('accepts a compressed body whose decoded size is exactly the cap', async () => {
    const padded = feedXml.replace('</channel>', `${' '.repeat(200_000 - feedBytes.length)}</channel>`);
    expect(await fetchRoute(encoded('gzip', gzipSync(padded)))).toMatchObject({ kind: 'fetched' });
  });
});
