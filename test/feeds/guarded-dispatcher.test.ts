import type { LookupAddress } from 'node:dns';
import { checkFeedUrl } from '../../src/feeds/check-feed-url';
import { fetchFeed } from '../../src/feeds/fetch-feed';
import { isForbiddenAddress } from '../../src/feeds/forbidden-address';
import { createGuardedDispatcher, type ResolveAll } from '../../src/feeds/guarded-dispatcher';
import { publicFailureReason } from '../../src/feeds/public-failure-reason';
import { rss2 } from '../support/feed-builders';
import { startFeedServer, type FeedServer } from '../support/feed-server';

const options = { timeoutMs: 5_000, maxBodyBytes: 100_000, maxRedirects: 3 };
const v4 = (address: string): LookupAddress => ({ address, family: 4 });
/** A test has only loopback servers: 127.0.0.1 stands in for a public host, everything else keeps the real policy. */
const publicStandIn = (address: string) => address !== '127.0.0.1' && isForbiddenAddress(address);

describe('the guarded dispatcher for server-added feeds', () => {
  let server: FeedServer;
  let inside: FeedServer | undefined;
  const dispatchers: { close(): Promise<void> }[] = [];
  const guarded = (resolve: ResolveAll, isForbidden?: (address: string) => boolean) => {
    const dispatcher = createGuardedDispatcher({ resolve, isForbidden });
    dispatchers.push(dispatcher);
    return dispatcher;
  };
  beforeEach(async () => {
    server = await startFeedServer();
    server.route('/feed.xml', { body: rss2({ title: 'Wire', items: [] }) });
  });
  afterEach(async () => {
    await Promise.all(dispatchers.splice(0).map((d) => d.close()));
    await server.close();
    await inside?.close();
    inside = undefined;
  });

  it('refuses at connect time a name that resolves public first and loopback second', async () => {
    const url = server.url('/feed.xml').replace('127.0.0.1', 'rebind.test');
    const dispatcher = guarded(async () => [v4('93.184.216.34'), v4('127.0.0.1')]);
    const outcome = await fetchFeed({ url }, { ...options, dispatcher });
    expect(outcome).toMatchObject({ kind: 'failed', failure: 'blocked', reason: expect.stringContaining('private or local') });
    expect(server.requests()).toHaveLength(0);
  });

  it('refuses a name that passed the /feeds add check and resolves to loopback when the poll connects', async () => {
    const answers = [[v4('93.184.216.34')], [v4('127.0.0.1')]];
    const resolve = async () => answers.shift() ?? [];
    const url = server.url('/feed.xml').replace('127.0.0.1', 'rebind.test');
    await expect(checkFeedUrl(url, { allowPrivateAddresses: false, resolve })).resolves.toMatchObject({ ok: true });
    const outcome = await fetchFeed({ url }, { ...options, dispatcher: guarded(resolve) });
    expect(outcome).toMatchObject({ kind: 'failed', failure: 'blocked' });
    expect(server.requests()).toHaveLength(0);
  });

  it('refuses literal loopback addresses, IPv4 and IPv6, without a check before the request', async () => {
    const dispatcher = guarded(async () => []);
    expect(await fetchFeed({ url: server.url('/feed.xml') }, { ...options, dispatcher })).toMatchObject({ kind: 'failed', failure: 'blocked' });
    expect(await fetchFeed({ url: server.url('/feed.xml').replace('127.0.0.1', '[::1]') }, { ...options, dispatcher })).toMatchObject({ kind: 'failed', failure: 'blocked' });
    expect(server.requests()).toHaveLength(0);
  });

  it('fetches through the resolver it was given when every address is allowed', async () => {
    const url = server.url('/feed.xml').replace('127.0.0.1', 'wire.test');
    const outcome = await fetchFeed({ url }, { ...options, dispatcher: guarded(async () => [v4('127.0.0.1')], publicStandIn) });
    expect(outcome).toMatchObject({ kind: 'fetched' });
    expect(server.requests('/feed.xml')).toHaveLength(1);
  });

  it('refuses a redirect to a private address even when no check vets the redirect', async () => {
    inside = await startFeedServer({ host: '127.0.0.2' });
    inside.route('/secret', { contentType: 'application/json', body: '{"AccessKeyId":"AKIAEXAMPLE"}' });
    server.route('/hop.xml', { status: 302, headers: { Location: inside.url('/secret') } });
    const dispatcher = guarded(async () => [v4('127.0.0.1')], publicStandIn);
    const outcome = await fetchFeed({ url: server.url('/hop.xml').replace('127.0.0.1', 'wire.test') }, { ...options, dispatcher });
    expect(outcome).toMatchObject({ kind: 'failed', failure: 'blocked' });
    expect(server.requests('/hop.xml')).toHaveLength(1);
    expect(inside.requests()).toHaveLength(0);
  });

  it('gives members the same words for refused, reset and timed-out connections, and never the response', async () => {
    const closed = await startFeedServer();
    const closedUrl = closed.url('/feed.xml');
    await closed.close();
    server.route('/hang.xml', { hang: true, body: '<rss>' });
    server.route('/json', { contentType: 'application/json', body: '{"AccessKeyId":"AKIAEXAMPLE"}' });
    const refused = await fetchFeed({ url: closedUrl }, options);
    const timedOut = await fetchFeed({ url: server.url('/hang.xml') }, { ...options, timeoutMs: 1_000 });
    const json = await fetchFeed({ url: server.url('/json') }, options);
    const shown = [refused, timedOut, json].map((o) => (o.kind === 'failed' ? publicFailureReason(o.failure, o.status) : o.kind));
    expect(shown[0]).toBe(shown[1]);
    expect(shown[0]).toBe('the feed could not be reached');
    expect(shown[2]).toBe('the address did not return a readable RSS or Atom feed');
    expect(json).toMatchObject({ reason: expect.stringContaining('AccessKeyId') });
  });
});
