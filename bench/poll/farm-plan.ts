/**
 * What the feed farm serves, decided up front so the bot process and the farm process agree:
 * which feeds are slow or failing, which change in a given cycle, how many items each carries.
 * The shape (feed count, share changing per poll, whether feeds ever answer 304) comes from the
 * environment, so `npm run bench -- --feeds 10000` and each measured shape reach every process alike.
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

export interface FarmShape {
  feeds: number;
  /** Share of feeds that publish new items in a cycle after the first: 50 (the original bench) or 10. */
  changePercent: number;
  /** Feeds that never answer 304: no validators, and the XML changes on every fetch (a build date). */
  never304: boolean;
}

export const DEFAULT_SHAPE: FarmShape = { feeds: 500, changePercent: 50, never304: false };
const SHAPE_VARIABLE = 'BENCH_FARM_SHAPE';

/** The shape this process measures: set by the parent through the environment, else the default. */
export function farmShape(): FarmShape {
  const text = process.env[SHAPE_VARIABLE];
  if (text !== cachedShape.text) cachedShape = { text, shape: text ? { ...DEFAULT_SHAPE, ...(JSON.parse(text) as Partial<FarmShape>) } : DEFAULT_SHAPE };
  return cachedShape.shape;
}
let cachedShape: { text: string | undefined; shape: FarmShape } = { text: undefined, shape: DEFAULT_SHAPE };

/** The environment for a child process that must measure `shape`, on the run's farm clock. */
export function shapeEnvironment(shape: FarmShape): NodeJS.ProcessEnv {
  return { ...process.env, [SHAPE_VARIABLE]: JSON.stringify(shape), [EPOCH_VARIABLE]: String(farmEpochMs()) };
}

const EPOCH_VARIABLE = 'BENCH_FARM_EPOCH';

/**
 * When the farm's cycle 0 is, in every process of one run: each phase starts a farm of its own and replays
 * the earlier cycles, and must serve the very same XML, dates included, as the farm that served the
 * phase before. Otherwise a restarted bot would meet every item's XML changed, as no real restart does.
 */
export function farmEpochMs(): number {
  process.env[EPOCH_VARIABLE] ??= String(Date.now());
  return Number(process.env[EPOCH_VARIABLE]);
}

/**
 * A realistic spread of publishers: one loopback address per 5 feeds up to 100 hosts (the 500-feed bench),
 * and beyond 2,000 feeds one per 20 feeds (500 hosts at 10,000). With `limits.minHostIntervalMs` (1 s)
 * spacing the requests to one host, 100 feeds per host would take 100 s a cycle; 20 take ~20 s.
 */
export function hostCount(feeds: number): number {
  return Math.max(1, Math.min(100, Math.ceil(feeds / 5)), Math.ceil(feeds / 20));
}

/** A few slow or failing feeds among the first 500, spread over different hosts. */
const SPECIAL: Readonly<Record<number, FeedBehaviour>> = {
  7: 'slow', 101: 'slow', 233: 'slow', 342: 'slow', 477: 'slow',
  55: 'http-500', 288: 'http-500', 410: 'http-500',
  150: 'reset', 399: 'reset',
  66: 'truncated-xml', 321: 'truncated-xml',
};

export function planFarm(shape: FarmShape = farmShape()): FarmFeed[] {
  const hosts = hostCount(shape.feeds);
  return Array.from({ length: shape.feeds }, (_, index) => {
    const behaviour = SPECIAL[index] ?? 'normal';
    return {
      index,
      path: `/feeds/wire-${index}.xml`,
      host: index % hosts,
      behaviour,
      windowSize: 20 + ((index * 37) % 31),
      delayMs: behaviour === 'slow' ? 400 + ((index * 53) % 500) : 0,
    };
  });
}

/**
 * Which feeds publish in a cycle: at 50%, alternating halves (the original bench); otherwise a different
 * `changePercent` of the feeds each cycle. The others answer 304 to a conditional GET (unless never304).
 */
export function changesIn(feed: FarmFeed, cycle: number, shape: FarmShape = farmShape()): boolean {
  if (cycle === 0) return true;
  if (shape.changePercent === 50) return (feed.index + cycle) % 2 === 0;
  return (feed.index + cycle * 37) % 100 < shape.changePercent;
}

/** New items a changed feed publishes in a cycle: 1–3. */
export function newItemsIn(feed: FarmFeed, cycle: number): number {
  return cycle === 0 ? 0 : 1 + ((feed.index * 7 + cycle) % 3);
}

/** The loopback address of host `i`: 127.0.0.1–250, then 127.0.1.1–250 and on; all of 127/8 is this machine on Linux. */
export function hostAddress(i: number): string {
  return `127.0.${Math.floor(i / 250)}.${(i % 250) + 1}`;
}
