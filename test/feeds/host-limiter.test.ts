import { fetchFeed } from '../../src/feeds/fetch-feed';
import { createHostLimiter } from '../../src/feeds/host-limiter';
import { rss2 } from '../support/feed-builders';
import { startFeedServer, type FeedServer } from '../support/feed-server';

const options = { timeoutMs: 60_000, maxBodyBytes: 100_000, maxRedirects: 3 };

describe('createHostLimiter against a server', () => {
  const body = rss2({ title: 'T', items: [] });
  let server: FeedServer;
  beforeEach(async () => {
    server = await startFeedServer();
  });
  afterEach(async () => {
    await server.close();
  });

  /**
   * Holds each answer until `releaseWhen(arrived)` says so, checked as every request arrives: the server
   * itself decides when requests overlap, so a busy machine cannot space them out and hide (or fake) it.
   */
  function holdAnswers(total: number, releaseWhen: (arrived: number, index: number) => boolean): void {
    const releases: (() => void)[] = [];
    server.route('/feed', () => {
      const index = releases.length;
      const held = new Promise<void>((resolve) => releases.push(resolve));
      releases.forEach((release, i) => releaseWhen(releases.length, i) && release());
      if (releases.length === total) releases.forEach((release) => release());
      return { body, held: index === total - 1 ? Promise.resolve() : held };
    });
  }

  it('lets at most perHost requests reach one host at a time', async () => {
    // Each answer waits for the next request to arrive, so two are in flight whenever the limiter allows it.
    holdAnswers(6, (arrived, index) => index < arrived - 1);
    const limiter = createHostLimiter(2);
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () => limiter.run(server.url('/feed'), () => fetchFeed({ url: server.url('/feed') }, options))),
    );
    expect(outcomes.every((outcome) => outcome.kind === 'fetched')).toBe(true);
    expect(server.requests('/feed')).toHaveLength(6);
    expect(server.peakConcurrency()).toBe(2);
  });

  it('is what keeps the requests apart (without it they overlap)', async () => {
    // Every answer waits until all four requests have arrived: they can only complete if they overlap.
    holdAnswers(4, () => false);
    await Promise.all(Array.from({ length: 4 }, () => fetchFeed({ url: server.url('/feed') }, options)));
    expect(server.peakConcurrency()).toBe(4);
  });
});

describe('createHostLimiter', () => {
  /** Tasks that finish only when released, recording how many ran at once per host. */
  function createProbe() {
    const active = new Map<string, number>();
    const peaks = new Map<string, number>();
    const releases: (() => void)[] = [];
    const task = (host: string) => () =>
      new Promise<string>((resolve) => {
        active.set(host, (active.get(host) ?? 0) + 1);
        peaks.set(host, Math.max(peaks.get(host) ?? 0, active.get(host) ?? 0));
        releases.push(() => {
          active.set(host, (active.get(host) ?? 0) - 1);
          resolve(host);
        });
      });
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    return { task, peaks, releases, settle };
  }

  it('limits each host separately and ignores the port', async () => {
    const limiter = createHostLimiter(1);
    const probe = createProbe();
    const runs = [
      limiter.run('https://a.example.com/feed', probe.task('a')),
      limiter.run('https://a.example.com:8443/other', probe.task('a')),
      limiter.run('https://b.example.com/feed', probe.task('b')),
    ];
    await probe.settle();
    expect(probe.releases).toHaveLength(2);
    while (probe.releases.length > 0) {
      probe.releases.shift()?.();
      await probe.settle();
    }
    expect(await Promise.all(runs)).toEqual(['a', 'a', 'b']);
    expect(Object.fromEntries(probe.peaks)).toEqual({ a: 1, b: 1 });
  });

  it('frees the slot when a task fails', async () => {
    const limiter = createHostLimiter(1);
    await expect(limiter.run('https://a.example.com/', () => Promise.reject(new Error('feed down')))).rejects.toThrow('feed down');
    await expect(limiter.run('https://a.example.com/', () => Promise.resolve('next'))).resolves.toBe('next');
  });

  it('runs tasks for unparseable URLs too', async () => {
    await expect(createHostLimiter(2).run('not a url', () => Promise.resolve(1))).resolves.toBe(1);
  });

  it('starts tasks on one host at least minIntervalMs apart, and does not hold back other hosts', async () => {
    // A clock that stands still: each wait asked for is how far after "now" the task's turn was reserved.
    const waits: [string, number][] = [];
    let waiting = '';
    const limiter = createHostLimiter(2, { minIntervalMs: 1000, now: () => 0, sleep: async (ms) => void waits.push([waiting, ms]) });
    const task = (name: string) => async () => name;
    const run = (url: string, name: string) => {
      waiting = name;
      return limiter.run(url, task(name));
    };
    expect(await Promise.all([run('https://a.example.com/1', 'a1'), run('https://a.example.com/2', 'a2'), run('https://b.example.com/1', 'b1'), run('https://a.example.com/3', 'a3')])).toEqual(['a1', 'a2', 'b1', 'a3']);
    expect(waits.map(([, ms]) => ms)).toEqual([1000, 2000]);
  });
});
