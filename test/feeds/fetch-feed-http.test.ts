import { getEventListeners } from 'node:events';
import { fetchFeed, type FetchOptions, type FetchOutcome } from '../../src/feeds/fetch-feed';
import { parseRetryAfter } from '../../src/feeds/retry-after';
import { BROWSER_USER_AGENT, DEFAULT_USER_AGENT } from '../../src/feeds/user-agents';
import { eventually } from '../support/eventually';
import { rss2 } from '../support/feed-builders';
import { startFeedServer, type FeedServer } from '../support/feed-server';

const NOW_MS = Date.parse('2026-09-16T00:00:00Z');
const options: FetchOptions = { timeoutMs: 60_000, maxBodyBytes: 1_000_000, maxRedirects: 3, now: () => NOW_MS };
const feedXml = rss2({ title: 'Desk', items: [{ title: 'Lynas output rises', guid: 'g-1' }] });

let server: FeedServer;
beforeEach(async () => {
  server = await startFeedServer();
});
afterEach(async () => {
  await server.close();
});

describe('fetchFeed over HTTP', () => {
  it('sends our Accept, Accept-Encoding and User-Agent headers', async () => {
    server.route('/feed', { body: feedXml });
    const outcome = await fetchFeed({ url: server.url('/feed') }, options);
    expect(outcome).toMatchObject({ kind: 'fetched', status: 200, finalUrl: server.url('/feed'), validators: {} });
    expect(server.requests('/feed')[0]?.headers).toMatchObject({
      accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5',
      'accept-encoding': 'gzip, deflate, br',
      'user-agent': DEFAULT_USER_AGENT,
    });
  });

  it('returns the validators and gets not-modified when sending them back', async () => {
    const lastModified = 'Tue, 15 Sep 2026 18:26:02 GMT';
    server.route('/feed', { body: feedXml, etag: 'W/"v1"', lastModified });
    const first = await fetchFeed({ url: server.url('/feed') }, options);
    expect(first).toMatchObject({ kind: 'fetched', validators: { etag: 'W/"v1"', lastModified } });
    const validators = first.kind === 'fetched' ? first.validators : {};
    expect(await fetchFeed({ url: server.url('/feed'), validators }, options)).toEqual({ kind: 'not-modified' });
    expect(server.requests('/feed')[1]?.headers).toMatchObject({ 'if-none-match': 'W/"v1"', 'if-modified-since': lastModified });
  });

  it('sends no conditional headers without validators', async () => {
    server.route('/feed', { body: feedXml });
    await fetchFeed({ url: server.url('/feed'), validators: {} }, options);
    expect(Object.keys(server.requests('/feed')[0]?.headers ?? {})).not.toEqual(expect.arrayContaining(['if-none-match']));
    expect(server.requests('/feed')[0]?.headers['if-modified-since']).toBeUndefined();
  });

  it('retries an unsolicited 304 once, then reports it', async () => {
    server.route('/feed', { status: 304 });
    const outcome = await fetchFeed({ url: server.url('/feed') }, options);
    expect(outcome).toMatchObject({ kind: 'failed', failure: 'http', status: 304 });
    expect(server.requests('/feed')).toHaveLength(2);
    expect(server.requests('/feed')[1]?.headers['cache-control']).toBe('no-cache');
  });

  it('follows a relative redirect and reports the final URL', async () => {
    server.route('/old', { status: 301, headers: { Location: '/new?x=1' } });
    server.route('/new?x=1', { body: feedXml });
    expect(await fetchFeed({ url: server.url('/old') }, options)).toMatchObject({ kind: 'fetched', finalUrl: server.url('/new?x=1') });
  });

  test.each([
    ['a redirect loop', { status: 302, headers: { Location: '/loop' } }, 'redirects', 'more than 3 redirects'],
    ['a redirect without Location', { status: 301 }, 'http', 'HTTP 301 redirect without a Location header'],
    ['a redirect to another scheme', { status: 302, headers: { Location: 'ftp://example.com/feed' } }, 'redirects', /^redirect to an unsupported location/],
  ])('fails on %s', async (_case, route, failure, reason) => {
    server.route('/loop', route);
    expect(await fetchFeed({ url: server.url('/loop') }, options)).toMatchObject({ kind: 'failed', failure, reason: expect.stringMatching(reason) });
    expect(server.requests('/loop').length).toBeLessThanOrEqual(options.maxRedirects + 1);
  });

  test.each([
    [404, 'http', 'HTTP 404 Not Found'],
    [410, 'http', 'HTTP 410 Gone'],
    [500, 'http', 'HTTP 500 Internal Server Error'],
    [503, 'http', 'HTTP 503 Service Unavailable'],
    [451, 'blocked', 'HTTP 451 Unavailable For Legal Reasons'],
  ])('reports HTTP %i as %s "%s"', async (status, failure, reason) => {
    server.route('/feed', { status, body: 'error page' });
    expect(await fetchFeed({ url: server.url('/feed') }, options)).toEqual({ kind: 'failed', failure, reason, status });
  });

  it('retries once with a browser User-Agent after a 403 to the bot User-Agent', async () => {
    server.route('/feed', (request) =>
      request.headers['user-agent'] === BROWSER_USER_AGENT ? { body: feedXml } : { status: 403, body: 'denied' },
    );
    expect(await fetchFeed({ url: server.url('/feed') }, options)).toMatchObject({ kind: 'fetched' });
    expect(server.requests('/feed').map((request) => request.headers['user-agent'])).toEqual([DEFAULT_USER_AGENT, BROWSER_USER_AGENT]);
  });

  it('retries with the other User-Agent at once when the refusal page never finishes', async () => {
    server.route('/feed', (request) =>
      request.headers['user-agent'] === BROWSER_USER_AGENT ? { body: feedXml } : { status: 403, body: 'denied '.repeat(1_000), hang: true },
    );
    expect(await fetchFeed({ url: server.url('/feed') }, { ...options, timeoutMs: 30_000 })).toMatchObject({ kind: 'fetched' });
  });

  it('does not switch away from a User-Agent the feed configured', async () => {
    server.route('/feed', { status: 403 });
    const outcome = await fetchFeed({ url: server.url('/feed'), userAgent: 'CustomAgent/1' }, options);
    expect(outcome).toEqual({ kind: 'failed', failure: 'blocked', reason: 'HTTP 403 Forbidden', status: 403 });
    expect(server.requests('/feed').map((request) => request.headers['user-agent'])).toEqual(['CustomAgent/1']);
  });

  it('reads Retry-After seconds on a 429 after the User-Agent retry', async () => {
    server.route('/feed', { status: 429, headers: { 'Retry-After': '120' } });
    const outcome = await fetchFeed({ url: server.url('/feed') }, options);
    expect(outcome).toEqual({ kind: 'failed', failure: 'http', reason: 'HTTP 429 Too Many Requests', status: 429, retryAfterMs: 120_000 });
    expect(server.requests('/feed')).toHaveLength(2);
  });

  it('reads a Retry-After HTTP date on a 503', async () => {
    server.route('/feed', { status: 503, headers: { 'Retry-After': new Date(NOW_MS + 90_000).toUTCString() } });
    expect(await fetchFeed({ url: server.url('/feed') }, options)).toMatchObject({ status: 503, retryAfterMs: 90_000 });
  });

  it('times out on a body that never finishes', async () => {
    server.route('/feed', { body: feedXml, hang: true });
    const outcome = await fetchFeed({ url: server.url('/feed') }, { ...options, timeoutMs: 200 });
    expect(outcome).toEqual({ kind: 'failed', failure: 'timeout', reason: 'timed out after 200 ms' });
  });

  it('stops when the caller cancels', async () => {
    server.route('/feed', { body: feedXml, held: new Promise(() => undefined) });
    const controller = new AbortController();
    const pending = fetchFeed({ url: server.url('/feed'), signal: controller.signal }, options);
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toEqual({ kind: 'failed', failure: 'network', reason: 'cancelled by the caller' });
  });

  it('sends nothing when the caller has already cancelled', async () => {
    server.route('/feed', { body: feedXml });
    const controller = new AbortController();
    controller.abort();
    expect(await fetchFeed({ url: server.url('/feed'), signal: controller.signal }, options)).toEqual({ kind: 'failed', failure: 'network', reason: 'cancelled by the caller' });
    expect(server.requests('/feed')).toHaveLength(0);
  });

  it('leaves no listener on the caller\'s signal once its fetches and their discarded bodies are done', async () => {
    server.route('/feed', { body: feedXml, etag: '"v1"' });
    server.route('/refused', (request) => (request.headers['user-agent'] === BROWSER_USER_AGENT ? { body: feedXml } : { status: 403, body: 'denied' }));
    const controller = new AbortController();
    const signal = controller.signal;
    await fetchFeed({ url: server.url('/feed'), signal }, options);
    await fetchFeed({ url: server.url('/feed'), signal, validators: { etag: '"v1"' } }, options);
    await fetchFeed({ url: server.url('/refused'), signal }, options);
    await eventually(() => expect(getEventListeners(signal, 'abort')).toHaveLength(0));
  });

  it('reports a DNS failure', async () => {
    const outcome: FetchOutcome = await fetchFeed({ url: 'http://nosuch.invalid/' }, options);
    expect(outcome).toEqual({ kind: 'failed', failure: 'network', reason: 'DNS lookup failed for nosuch.invalid' });
  });

  it('reports a refused connection', async () => {
    const closed = await startFeedServer();
    const url = closed.url('/feed');
    await closed.close();
    expect(await fetchFeed({ url }, options)).toMatchObject({ kind: 'failed', failure: 'network', reason: expect.stringMatching(/^connection refused by 127\.0\.0\.1:\d+$/) });
  });

  it('reports an invalid URL without throwing', async () => {
    expect(await fetchFeed({ url: 'not a url' }, options)).toMatchObject({ kind: 'failed', failure: 'network' });
  });
});

describe('parseRetryAfter', () => {
  test.each([
    ['seconds', '30', 30_000],
    ['zero', '0', 0],
    ['an HTTP date', new Date(NOW_MS + 5_000).toUTCString(), 5_000],
    ['a past date', new Date(NOW_MS - 5_000).toUTCString(), 0],
    ['garbage', 'soon', undefined],
    ['a negative number', '-5', undefined],
    ['absent', null, undefined],
  ])('reads %s', (_case, value, expected) => {
    expect(parseRetryAfter(value, NOW_MS)).toBe(expected);
  });
});
