import { createSendRateGate } from '../../src/discord/send-rate-gate';

/** A clock the test moves: sleeping advances it, so the gate's waits are exact and instant. */
function fakeClock() {
  let time = 0;
  return {
    now: () => time,
    sleep: async (ms: number) => {
      time += ms;
    },
    advance: (ms: number) => (time += ms),
  };
}

/** A request as Discord sees it: it arrives `arriveMs` after the send and is answered `answerMs` after. */
function request(clock: ReturnType<typeof fakeClock>, arrivals: number[], arriveMs: number, answerMs: number) {
  return async () => {
    clock.advance(arriveMs);
    arrivals.push(clock.now());
    clock.advance(answerMs);
  };
}

describe('send rate gate (Discord global limit, counted as requests arrive)', () => {
  it('lets N requests through at once, then the next one a second after an answer came back', async () => {
    const clock = fakeClock();
    const gate = createSendRateGate({ perSecond: 3, now: clock.now, sleep: clock.sleep });
    const sentAt: number[] = [];
    for (let i = 0; i < 7; i++) await gate.run(async () => void sentAt.push(clock.now()));
    expect(sentAt).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
  });

  it('never lets more than N requests arrive in any one-second span, however late and bunched they travel', async () => {
    const clock = fakeClock();
    const gate = createSendRateGate({ perSecond: 5, now: clock.now, sleep: clock.sleep });
    const arrivals: number[] = [];
    for (let i = 0; i < 60; i++) {
      clock.advance((i * 137) % 450); // irregular gaps, some bursts
      // A starved process: some requests reach Discord at once, others linger before they arrive.
      await gate.run(request(clock, arrivals, (i * 71) % 600, (i * 53) % 300));
    }
    for (const start of arrivals) expect(arrivals.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(5);
  });

  it('keeps a slot taken while its request waits for an answer', async () => {
    const gate = createSendRateGate({ perSecond: 1 });
    let answer: () => void = () => undefined;
    const first = gate.run(() => new Promise<void>((resolve) => (answer = resolve)));
    let secondRan = false;
    const second = gate.run(async () => void (secondRan = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(secondRan).toBe(false);
    answer();
    await first;
    await second;
    expect(secondRan).toBe(true);
  });

  it('frees the slot when a request fails, and passes the failure on', async () => {
    const clock = fakeClock();
    const gate = createSendRateGate({ perSecond: 1, now: clock.now, sleep: clock.sleep });
    await expect(gate.run(() => Promise.reject(new Error('503')))).rejects.toThrow('503');
    await gate.run(async () => undefined);
    expect(clock.now()).toBe(1000);
  });

  it('serves waiters in the order they asked', async () => {
    const clock = fakeClock();
    const gate = createSendRateGate({ perSecond: 1, now: clock.now, sleep: clock.sleep });
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => gate.run(async () => void order.push(n))));
    expect(order).toEqual([1, 2, 3]);
  });

  it('gives up a wait when shutdown aborts it, without sending', async () => {
    const gate = createSendRateGate({ perSecond: 1 });
    await gate.run(async () => undefined);
    const stop = new AbortController();
    let sent = false;
    const held = gate.run(async () => void (sent = true), stop.signal);
    stop.abort(new Error('shutting down'));
    await expect(held).rejects.toThrow('shutting down');
    expect(sent).toBe(false);
  });
});
