import { createSendRateGate } from '../../src/discord/send-rate-gate';

/** A clock the test moves: sleeping advances it, so the gate's waits are exact and instant. */
function fakeClock() {
  let time = 0;
  const sleeps: number[] = [];
  return {
    now: () => time,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      time += ms;
    },
    advance: (ms: number) => (time += ms),
    sleeps,
  };
}

describe('send rate gate (Discord global limit with a margin)', () => {
  it('lets the first N sends through at once, then holds the next until the oldest leaves the window', async () => {
    const clock = fakeClock();
    const gate = createSendRateGate({ perSecond: 3, now: clock.now, sleep: clock.sleep });
    const at: number[] = [];
    for (let i = 0; i < 7; i++) {
      await gate.wait();
      at.push(clock.now());
    }
    expect(at).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
  });

  it('never lets more than N sends into any one-second span, however the sends are spread', async () => {
    const clock = fakeClock();
    const gate = createSendRateGate({ perSecond: 5, now: clock.now, sleep: clock.sleep });
    const at: number[] = [];
    for (let i = 0; i < 40; i++) {
      clock.advance((i * 137) % 450); // irregular gaps, some bursts
      await gate.wait();
      at.push(clock.now());
    }
    for (const start of at) expect(at.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(5);
  });

  it('serves waiters in the order they asked', async () => {
    const clock = fakeClock();
    const gate = createSendRateGate({ perSecond: 1, now: clock.now, sleep: clock.sleep });
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => gate.wait().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3]);
  });

  it('gives up a wait when shutdown aborts it, and keeps serving the others', async () => {
    const gate = createSendRateGate({ perSecond: 1 });
    await gate.wait();
    const stop = new AbortController();
    const held = gate.wait(stop.signal);
    stop.abort(new Error('shutting down'));
    await expect(held).rejects.toThrow('shutting down');
  });
});
