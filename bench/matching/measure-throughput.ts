import type { MatchableText } from '../../src/rules/compile-rule-set';
import { median } from '../support/stats';

export interface Throughput {
  /** From the fastest round: what the code costs when nothing else competes for the CPU. */
  itemsPerSecond: number;
  /** From the median round. */
  medianItemsPerSecond: number;
}

/** CPU time of this process in ms (user + system): other processes on the machine do not count. */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Items per CPU-second of `match`, cycling through the corpus: a warm-up round, then `rounds` rounds of
 * about `roundMs` of CPU time each. Timing by CPU rather than wall time, and keeping the fastest round
 * besides the median, keeps the figure about the code on a machine shared with other work (noise only
 * ever adds time). Results go to a sink so the work cannot be optimised away.
 */
export function measureThroughput(match: (item: MatchableText) => readonly unknown[], corpus: readonly MatchableText[], options: { roundMs: number; rounds: number }): Throughput {
  let sink = 0;
  let next = 0;
  const runFor = (ms: number): number => {
    const started = cpuMs();
    let items = 0;
    let elapsed = 0;
    do {
      for (let k = 0; k < 8; k++) {
        sink += match(corpus[next] as MatchableText).length;
        next = (next + 1) % corpus.length;
        items++;
      }
      elapsed = cpuMs() - started;
    } while (elapsed < ms);
    return (items / elapsed) * 1000;
  };
  runFor(options.roundMs);
  const rates = Array.from({ length: options.rounds }, () => runFor(options.roundMs));
  if (sink < 0) throw new Error('unreachable');
  return { itemsPerSecond: Math.max(...rates), medianItemsPerSecond: median(rates) };
}
