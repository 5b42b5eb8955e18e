import type { LookupAddress } from 'node:dns';
import { Agent } from 'undici';
import { fetchFeed, type FetchOptions } from '../../src/feeds/fetch-feed';
import { isForbiddenAddress } from '../../src/feeds/forbidden-address';
import { createGuardedDispatcher } from '../../src/feeds/guarded-dispatcher';
import { rss2 } from '../support/feed-builders';
import { startFeedServer, type FeedServer } from '../support/feed-server';
import { readFixtureBytes } from './read-fixture';

// A self-signed certificate for localhost and 127.0.0.1, valid until 2126.
const tls = { key: readFixtureBytes('../tls/localhost-key.pem'), cert: readFixtureBytes('../tls/localhost-cert.pem') };
const options: FetchOptions = { timeoutMs: 10_000, maxBodyBytes: 200_000, maxRedirects: 3 };
const feedXml = rss2({ title: 'Desk', items: [{ title: 'Holmium price holds', guid: 'g-1' }] });

describe('fetchFeed over HTTPS', () => {
  let secure: FeedServer;
  let plain: FeedServer;
  const trusting = new Agent({ connect: { ca: tls.cert } });
  const dispatchers: { close(): Promise<void> }[] = [];
  beforeEach(async () => {
    secure = await startFeedServer({ tls });
    plain = await startFeedServer();
  });
  afterEach(async () => {
    await Promise.all(dispatchers.splice(0).map((dispatcher) => dispatcher.close()));
    await secure.close();
    await plain.close();
  });
  afterAll(async () => {
    await trusting.close();
  });

  it('reads a gzip feed, then gets not-modified with its validators, through a dispatcher that trusts the certificate', async () => {
    secure.route('/feed', { body: feedXml, gzip: true, etag: '"v1"' });
    const first = await fetchFeed({ url: secure.url('/feed') }, { ...options, dispatcher: trusting });
    expect(first).toMatchObject({ kind: 'fetched', text: feedXml, validators: { etag: '"v1"' }, finalUrl: secure.url('/feed') });
    expect(await fetchFeed({ url: secure.url('/feed'), validators: { etag: '"v1"' } }, { ...options, dispatcher: trusting })).toEqual({ kind: 'not-modified' });
  });

  it('follows a redirect from HTTP to HTTPS', async () => {
    plain.route('/feed', { status: 301, headers: { Location: secure.url('/feed') } });
    secure.route('/feed', { body: feedXml });
    expect(await fetchFeed({ url: plain.url('/feed') }, { ...options, dispatcher: trusting })).toMatchObject({ kind: 'fetched', finalUrl: secure.url('/feed') });
  });

  it('refuses a certificate it cannot verify, naming it a TLS error', async () => {
    secure.route('/feed', { body: feedXml });
    expect(await fetchFeed({ url: secure.url('/feed') }, options)).toEqual({ kind: 'failed', failure: 'network', reason: 'TLS error: self-signed certificate' });
    expect(secure.requests()).toHaveLength(0);
  });

  it('still verifies the certificate of a server the guarded dispatcher lets it connect to', async () => {
    secure.route('/feed', { body: feedXml });
    const resolve = async (): Promise<LookupAddress[]> => [{ address: '127.0.0.1', family: 4 }];
    const dispatcher = createGuardedDispatcher({ resolve, isForbidden: (address) => address !== '127.0.0.1' && isForbiddenAddress(address) });
    dispatchers.push(dispatcher);
    const url = secure.url('/feed').replace('127.0.0.1', 'localhost');
    expect(await fetchFeed({ url }, { ...options, dispatcher })).toEqual({ kind: 'failed', failure: 'network', reason: 'TLS error: self-signed certificate' });
    expect(secure.requests()).toHaveLength(0);
  });
});
