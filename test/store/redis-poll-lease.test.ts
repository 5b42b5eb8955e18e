import { createRedisPollCoordinator, type PollCoordinator } from '../../src/store/redis-poll-lease';
import { freshRedisUrl, redisAvailable } from '../support/stores';

const REDIS_DB = 4;

describe('Redis poll coordinator', () => {
  let hasRedis = false;
  const open: PollCoordinator[] = [];
  let url = '';
  beforeAll(async () => {
    hasRedis = await redisAvailable();
    if (hasRedis) url = await freshRedisUrl(REDIS_DB);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
  });
  const fleet = async (n: number, leaseMs = 5_000) => {
    const prefix = `fleet-${Math.random()}`;
    return Promise.all(Array.from({ length: n }, async () => {
      const c = await createRedisPollCoordinator({ url, leaseMs, prefix });
      open.push(c);
      return c;
    }));
  };

  it('lets exactly one of three instances run each tick', async () => {
    if (!hasRedis) return;
    const instances = await fleet(3);
    for (const tick of ['poll:2026-11-26T10:00:00.000Z', 'poll:2026-11-26T10:05:00.000Z']) {
      const verdicts = await Promise.all(instances.map((c) => c.shouldRun(tick, 60_000)));
      expect(verdicts.filter(Boolean)).toHaveLength(1);
      await instances[verdicts.indexOf(true)]!.onComplete(tick);
    }
  });

  it('does not start the next tick anywhere while a slow poll is still running', async () => {
    if (!hasRedis) return;
    const [a, b] = await fleet(2);
    expect(await a!.shouldRun('poll:t1', 60_000)).toBe(true);
    expect(await b!.shouldRun('poll:t2', 60_000)).toBe(false); // a is still polling
    await a!.onComplete('poll:t1');
    expect(await b!.shouldRun('poll:t3', 60_000)).toBe(true);
  });

  it('lets another instance take over once the polling instance died and its lease expired', async () => {
    if (!hasRedis) return;
    // A 3 s lease: the look right after the death surely falls inside it, even on a busy machine.
    const [a, b] = await fleet(2, 3_000);
    expect(await a!.shouldRun('poll:t1', 60_000)).toBe(true);
    await a!.close(); // dies mid-poll: no onComplete, no renewals
    expect(await b!.shouldRun('poll:t2', 60_000)).toBe(false);
    // Then b asks at each tick, as it would, until the lease has expired: it gets the tick then.
    let tick = 3;
    while (!(await b!.shouldRun(`poll:t${tick}`, 60_000))) {
      tick += 1;
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  it('renews the running lease while a poll lasts longer than the lease', async () => {
    if (!hasRedis) return;
    // Renewed every third of the lease: to lapse, a renewal would have to be two thirds of it (2 s) late.
    const leaseMs = 3_000;
    const [a, b] = await fleet(2, leaseMs);
    const electedAt = Date.now();
    expect(await a!.shouldRun('poll:t1', 60_000)).toBe(true);
    await new Promise((r) => setTimeout(r, leaseMs + 500 - (Date.now() - electedAt)));
    expect(await b!.shouldRun('poll:t2', 60_000)).toBe(false);
    await a!.onComplete('poll:t1');
  });
});
