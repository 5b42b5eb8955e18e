/**
 * What the 500-feed farm serves, decided up front so the bot process and the farm process agree:
 * which feeds are slow or failing, which change in a given cycle, how many items each carries.
 */

export type FeedBehaviour = 'normal' | 'slow' | 'http-500' | 'reset' | 'truncated-xml';

export interface FarmFeed {
  index: number;
  path: string;
  /** Index into the farm's host addresses. */
  host: number;
  behaviour: FeedBehaviour;
  /** Items in the feed's window (20–50). */
  windowSize: number;
  delayMs: number;
}

export const FEED_COUNT = 500;
export const HOST_COUNT = 100;

/** A few slow or failing feeds among the 500, spread over different hosts. */
const SPECIAL: Readonly<Record<number, FeedBehaviour>> = {
  7: 'slow', 101: 'slow', 233: 'slow', 342: 'slow', 477: 'slow',
  55: 'http-500', 288: 'http-500', 410: 'http-500',
  150: 'reset', 399: 'reset',
  66: 'truncated-xml', 321: 'truncated-xml',
};

export function planFarm(): FarmFeed[] {
  return Array.from({ length: FEED_COUNT }, (_, index) => {
    const behaviour = SPECIAL[index] ?? 'normal';
    return {
      index,
      path: `/feeds/wire-${index}.xml`,
      host: index % HOST_COUNT,
      behaviour,
      windowSize: 20 + ((index * 37) % 31),
      delayMs: behaviour === 'slow' ? 400 + ((index * 53) % 500) : 0,
    };
  });
}

/** Half the feeds change each cycle (alternating halves); the others answer 304 to a conditional GET. */
export function changesIn(feed: FarmFeed, cycle: number): boolean {
  return cycle === 0 || (feed.index + cycle) % 2 === 0;
}

/** New items a changed feed publishes in a cycle: 1–3. */
export function newItemsIn(feed: FarmFeed, cycle: number): number {
  return cycle === 0 ? 0 : 1 + ((feed.index * 7 + cycle) % 3);
}

/** The loopback address of host `i`: 127.0.0.1 … 127.0.0.100 are all this machine on Linux. */
export function hostAddress(i: number): string {
  return `127.0.0.${i + 1}`;
}
