/** A clock the test moves by hand: back-off of minutes and hours plays out without waiting. */
export interface FakeClock {
  now(): Date;
  advance(ms: number): void;
}

export function createFakeClock(start = Date.now()): FakeClock {
  let current = start;
  return {
    now: () => new Date(current),
    advance(ms) {
      current += ms;
    },
  };
}
