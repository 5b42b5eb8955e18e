import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rss2 } from '../support/feed-builders';
import { createFakeClock, type FakeClock } from './support/fake-clock';
import { startRig, story, type Rig } from './support/radar-rig';

const MINUTE = 60_000;

/** Feeds that are down, slow, erroring or sending junk: each fails alone, backs off, and recovers by itself. */
describe('feed failures', () => {
  let rig: Rig;
  let clock: FakeClock;
  afterEach(() => rig?.close());

  const start = async (feeds: string[], extra: { limits?: Record<string, number> } = {}) => {
    clock = createFakeClock();
    // Jitter pinned to its lowest value: the waits are 30 s, 60 s, 120 s … of fake time.
    // Six alerts land in one channel at once here; Discord's 5-per-5-s bucket would only add a wait.
    rig = await startRig({ feeds, now: clock.now, twin: { rateLimits: { perChannelMessages: { limit: 50, windowMs: 1000 } } }, timings: { sendRetry: { baseMs: 40, maxMs: 200 }, deliveryCheckMs: 40, feedBackoff: { baseMs: MINUTE, random: () => 0 } }, ...extra });
    await rig.subscribe('alerts');
  };
  const fetches = (feedId: string) => rig.feedServer.requests(`/${feedId}.xml`).length;

  it('backs a failing feed off exponentially, skipping it between attempts, and recovers by itself', async () => {
    await start(['wire']);
    rig.feedServer.route('/wire.xml', { status: 500, body: 'down for maintenance' });
    const attempts: number[] = [];
    for (let step = 0; step < 8; step++) {
      const before = fetches('wire');
      await rig.poll();
      if (fetches('wire') > before) attempts.push(step);
      clock.advance(20_000);
    }
    // Failures at 0 s, then due again after 30 s (step 2, 40 s) and 60 s more (step 5, 100 s).
    expect(attempts).toEqual([0, 2, 5]);

    rig.serve('wire', [story(1, 'Dysprosium supply resumes after outage', 1, clock.now().getTime())]);
    clock.advance(10 * MINUTE);
    await rig.poll();
    await rig.poll();
    expect(rig.titles('alerts')).toEqual(['Dysprosium supply resumes after outage']);
    const status = JSON.stringify((await rig.command('status')).final);
    expect(status).toContain('1 OK, 0 failing');
  });

  it("honours Retry-After on 429 and 503 even when our own back-off is shorter", async () => {
    await start(['busy', 'maint']);
    rig.feedServer.route('/busy.xml', { status: 429, headers: { 'Retry-After': '600' } });
    rig.feedServer.route('/maint.xml', { status: 503, headers: { 'Retry-After': new Date(clock.now().getTime() + 20 * MINUTE).toUTCString() } });
    await rig.poll();
    const busy = fetches('busy');
    const maint = fetches('maint');
    clock.advance(9 * MINUTE);
    await rig.poll();
    expect([fetches('busy'), fetches('maint')]).toEqual([busy, maint]);
    clock.advance(2 * MINUTE);
    await rig.poll();
    expect([fetches('busy') > busy, fetches('maint')]).toEqual([true, maint]);
    clock.advance(10 * MINUTE);
    await rig.poll();
    expect(fetches('maint')).toBeGreaterThan(maint);
  });

  it('keeps every other feed working while feeds are down, slow, erroring, junk or oversize, then recovers each', async () => {
    const down = await closedPort();
    // 5 s: the hanging feed is cut off by it, and no answering feed gets near it even on a busy machine.
    await start(['slow', 'err', 'junk', 'huge', 'good'], { limits: { requestTimeoutMs: 5000, maxBodyBytes: 10_000 } });
    // One more feed, a server's own: /feed add checks it is a feed, then its port closes (connection refused).
    const upWhileAdded = await serveOn(down.port, rss2({ title: 'down', items: [] }));
    try {
      const added = JSON.stringify((await rig.command('feed', { url: `http://127.0.0.1:${down.port}/down.xml`, name: 'Down' }, 'add')).final);
      expect(added).toContain('Added');
    } finally {
      upWhileAdded.closeAllConnections();
      await new Promise<void>((resolve) => upWhileAdded.close(() => resolve()));
    }
    rig.feedServer.route('/slow.xml', { hang: true, body: rss2({ title: 'slow', items: [] }) });
    rig.feedServer.route('/err.xml', { status: 500 });
    rig.feedServer.route('/junk.xml', { body: '\u0000\u0001 this is not a feed <<<', contentType: 'application/octet-stream' });
    rig.feedServer.route('/huge.xml', { body: rss2({ title: 'huge', items: [{ title: 'x'.repeat(20_000), guid: 'big' }] }) });
    const fresh = (n: number, title: string) => story(n, title, 1, clock.now().getTime());
    rig.serve('good', [fresh(1, 'Terbium price steady as buyers wait')]);
    await rig.poll();
    expect(rig.titles('alerts')).toEqual(['Terbium price steady as buyers wait']);
    const failed = rig.logged('feed failed').map((e) => `${String(e.fields.feedId)}: ${String(e.fields.reason)}`);
    expect(failed).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^slow: .*5000 ms/),
        expect.stringMatching(/^err: HTTP 500/),
        expect.stringMatching(/^junk: /),
        expect.stringMatching(/^huge: .*larger than 10000 bytes/),
        expect.stringMatching(/^guild-\d+-f1: /),
      ]),
    );

    // Everything heals; the back-off lets each feed be tried again on the next tick after its wait.
    const healed = await serveOn(down.port, rss2({ title: 'down', items: [{ ...fresh(10, 'Sojitz ships Lynas heavy rare earths to Japan'), link: 'https://down.example/1' }] }));
    rig.serve('slow', [{ ...fresh(11, 'Dysprosium magnet output rises'), link: 'https://slow.example/1' }]);
    rig.serve('err', [{ ...fresh(12, 'NdPr contract volumes hit a record'), link: 'https://err.example/1' }]);
    rig.serve('junk', [{ ...fresh(13, 'JOGMEC funds a terbium refinery'), link: 'https://junk.example/1' }]);
    rig.serve('huge', [{ ...fresh(14, 'Rare earth futures open higher'), link: 'https://huge.example/1' }]);
    clock.advance(5 * MINUTE);
    await rig.poll();
    await rig.poll();
    healed.closeAllConnections();
    await new Promise<void>((resolve) => healed.close(() => resolve()));
    expect([...rig.titles('alerts')].sort()).toEqual(
      [
        'Terbium price steady as buyers wait',
        'Sojitz ships Lynas heavy rare earths to Japan',
        'Dysprosium magnet output rises',
        'NdPr contract volumes hit a record',
        'JOGMEC funds a terbium refinery',
        'Rare earth futures open higher',
      ].sort(),
    );
  });

  it('flags a feed failing for 24 hours in /status and logs it once', async () => {
    await start(['wire']);
    rig.feedServer.route('/wire.xml', { status: 503 });
    for (let hour = 0; hour <= 26; hour++) {
      await rig.poll();
      clock.advance(60 * MINUTE);
    }
    expect(rig.logged('feed has been failing for over 24 hours')).toHaveLength(1);
    const status = JSON.stringify((await rig.command('status')).final);
    expect(status).toContain('0 OK, 1 failing (1 for over 24 h)');
    expect(status).toContain('failing for over 24 h');
    expect(rig.titles('alerts')).toEqual([]);
  });
});

/** A port with nothing listening on it. */
async function closedPort(): Promise<{ port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { port };
}

/** The feed comes back on the port that was down. */
async function serveOn(port: number, body: string): Promise<Server> {
  const server = createServer((_request, response) => response.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(body));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}
