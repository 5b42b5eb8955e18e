import { createFaultInjector } from '../support/discord-twin/faults';
import { ALL_PERMISSIONS, computeChannelPermissions, EVERYONE_PERMISSIONS, Permission } from '../support/discord-twin/permissions';
import { createRateLimiter } from '../support/discord-twin/rate-limit';
import { createSnowflakeGenerator, DISCORD_EPOCH_MS, shardOfGuild } from '../support/discord-twin/snowflake';

const createClock = (start = 1_700_000_000_000) => {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
};

describe('snowflakes', () => {
  it('encode the current time after the Discord epoch', () => {
    const clock = createClock();
    const id = createSnowflakeGenerator(clock.now).next();
    expect((BigInt(id) >> 22n) + DISCORD_EPOCH_MS).toBe(BigInt(clock.now()));
  });

  it('are unique within one millisecond', () => {
    const ids = createSnowflakeGenerator(createClock().now);
    expect(new Set(Array.from({ length: 100 }, () => ids.next())).size).toBe(100);
  });

  it.each([
    [0, 1],
    [0, 2],
    [1, 2],
    [3, 4],
    [6, 7],
  ])('can be made to land on shard %i of %i', (shardId, shardCount) => {
    const id = createSnowflakeGenerator(createClock().now).nextOnShard(shardId, shardCount);
    expect(shardOfGuild(id, shardCount)).toBe(shardId);
  });
});

describe('rate limiter', () => {
  const limit = { limit: 2, windowMs: 1_000 };

  it('counts down Remaining and answers 429 with Retry-After when the window is used up', () => {
    const clock = createClock();
    const limiter = createRateLimiter({ now: clock.now });
    const outcomes = [0, 1, 2].map(() => limiter.takeBucket('POST /channels/:id/messages', '1', limit));
    expect(outcomes.map((outcome) => outcome.headers['X-RateLimit-Remaining'])).toEqual(['1', '0', '0']);
    expect(outcomes[0]?.headers['X-RateLimit-Reset-After']).toBe('1.000');
    expect(outcomes[2]).toMatchObject({ allowed: false, body: { retry_after: 1, global: false } });
    expect(outcomes[2]?.headers['Retry-After']).toBe('1');
    expect(outcomes[2]?.headers['X-RateLimit-Scope']).toBe('user');
  });

  it('reopens the window after it resets and keeps channels apart', () => {
    const clock = createClock();
    const limiter = createRateLimiter({ now: clock.now });
    limiter.takeBucket('r', 'a', limit);
    limiter.takeBucket('r', 'a', limit);
    expect(limiter.takeBucket('r', 'b', limit).allowed).toBe(true);
    expect(limiter.takeBucket('r', 'a', limit).allowed).toBe(false);
    clock.advance(1_000);
    expect(limiter.takeBucket('r', 'a', limit).allowed).toBe(true);
  });

  it('applies the global limit per second with the global header', () => {
    const clock = createClock();
    const limiter = createRateLimiter({ now: clock.now, globalPerSecond: 3 });
    const outcomes = [0, 1, 2, 3].map(() => limiter.takeGlobal());
    expect(outcomes.map((outcome) => outcome.allowed)).toEqual([true, true, true, false]);
    expect(outcomes[3]?.headers).toMatchObject({ 'X-RateLimit-Global': 'true', 'X-RateLimit-Scope': 'global' });
    clock.advance(1_000);
    expect(limiter.takeGlobal().allowed).toBe(true);
  });
});

describe('channel permissions', () => {
  const guild = {
    id: 'g',
    ownerId: 'owner',
    roles: [
      { id: 'g', permissions: EVERYONE_PERMISSIONS },
      { id: 'admin', permissions: Permission.Administrator },
      { id: 'mods', permissions: Permission.ManageGuild },
    ],
  };
  const send = Permission.SendMessages;

  it.each([
    ['@everyone may send by default', 'u', [], [], true],
    ['a member overwrite denies', 'u', [], [{ id: 'u', type: 1 as const, allow: 0n, deny: send }], false],
    ['a role overwrite allows over an @everyone deny', 'u', ['mods'], [{ id: 'g', type: 0 as const, allow: 0n, deny: send }, { id: 'mods', type: 0 as const, allow: send, deny: 0n }], true],
    ['the member overwrite wins over a role allow', 'u', ['mods'], [{ id: 'mods', type: 0 as const, allow: send, deny: 0n }, { id: 'u', type: 1 as const, allow: 0n, deny: send }], false],
    ['administrators ignore overwrites', 'u', ['admin'], [{ id: 'u', type: 1 as const, allow: 0n, deny: send }], true],
    ['the owner ignores overwrites', 'owner', [], [{ id: 'owner', type: 1 as const, allow: 0n, deny: send }], true],
  ])('%s', (_label, userId, roleIds, overwrites, canSend) => {
    const permissions = computeChannelPermissions(guild, { userId, roleIds }, overwrites);
    expect((permissions & send) === send).toBe(canSend);
  });

  it('resolves an administrator to every permission', () => {
    expect(computeChannelPermissions(guild, { userId: 'u', roleIds: ['admin'] }, [])).toBe(ALL_PERMISSIONS);
  });
});

describe('fault injector', () => {
  it('fails the given number of matching requests, then lets them through', () => {
    const faults = createFaultInjector(createClock().now);
    faults.add({ status: 503, count: 2, match: /messages/g });
    expect(['/users/@me', '/channels/1/messages', '/channels/1/messages', '/channels/1/messages'].map((path) => faults.take(path))).toEqual([
      undefined,
      503,
      503,
      undefined,
    ]);
  });

  it('fails everything for a time window when untilMs is given', () => {
    const clock = createClock();
    const faults = createFaultInjector(clock.now);
    faults.add({ status: 'drop', untilMs: 100 });
    expect([faults.take('/a'), faults.take('/b')]).toEqual(['drop', 'drop']);
    clock.advance(100);
    expect(faults.take('/a')).toBeUndefined();
  });
});
