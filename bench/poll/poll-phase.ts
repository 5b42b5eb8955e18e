import { changesIn, newItemsIn, planFarm, type FarmFeed, type FarmShape } from './farm-plan';
import { measureCycles, type CycleFigures } from './measure-cycles';
import { measureParseCost, type ParseCost } from './measure-parse-share';
import { startFeedFarm } from './start-feed-farm';

/** One phase of the poll benchmark, run in its own process so its peak RSS is its own. */
export interface PhaseRequest {
  storeUrl: string;
  /** What the farm serves (the process's environment carries it to planFarm and the farm). */
  shape: FarmShape;
  /** Cycles to poll, in order; the farm is first brought to the state just before the first of them. */
  cycles: number[];
  /** `spread`: feeds on `hostCount(feeds)` loopback hosts; `one-host`: all on 127.0.0.1. */
  hosts: 'spread' | 'one-host';
  /** Also time parsing of the last cycle's bodies (after RSS was read). */
  parseShare: boolean;
}

export interface PhaseResult {
  cycles: CycleFigures[];
  peakRssMb: number;
  parse?: ParseCost;
}

/**
 * Starts its own feed farm and replays the farm's earlier cycles without polling: the farm is
 * deterministic (same ids, items and ETags per cycle), so together with the store the bot finds the
 * state a long-running process would have, without carrying that process's memory high-water mark.
 */
export async function pollPhase(request: PhaseRequest): Promise<PhaseResult> {
  const plan = planFarm();
  const farm = await startFeedFarm();
  try {
    const first = request.cycles[0] ?? 0;
    for (let cycle = 0; cycle < first; cycle++) await farm.advance(cycle);
    const urlOf = (feed: FarmFeed) => `${farm.origins[request.hosts === 'spread' ? feed.host : 0]}${feed.path}`;
    const cycles = await measureCycles(farm, plan, urlOf, request.cycles, request.storeUrl);
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    if (!request.parseShare) return { cycles, peakRssMb };
    const last = request.cycles[request.cycles.length - 1] ?? 0;
    const changed = plan.filter((feed) => changesIn(feed, last) && feed.behaviour !== 'reset' && feed.behaviour !== 'http-500');
    // 32 at a time: thousands of requests at once made the farm drop connections under load ("fetch failed" at 5,000 feeds).
    const bodies: { body: string; newItems: number }[] = [];
    for (let at = 0; at < changed.length; at += 32) {
      const batch = changed.slice(at, at + 32);
      bodies.push(...(await Promise.all(batch.map(async (feed) => ({ body: await (await fetch(urlOf(feed))).text(), newItems: newItemsIn(feed, last) })))));
    }
    return { cycles, peakRssMb, parse: await measureParseCost(bodies) };
  } finally {
    await farm.stop();
  }
}
