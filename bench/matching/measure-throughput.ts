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

type Match = (item: MatchableText) => readonly unknown[];

/**
 * Items per CPU-second of each matcher, cycling through the corpus: a warm-up round each, then
 * `rounds` rounds of about `roundMs` of CPU time, taken in turn across the matchers so that a busy
 * spell on the machine hits them alike. Timing by CPU rather than wall time, and keeping the fastest
 * round besides the median, keeps the figure about the code on a shared machine (noise only ever adds
 * time). Results go to a sink so the work cannot be optimised away.
 */
export function measureThroughputs(matchers: readonly Match[], corpus: readonly MatchableText[], options: { roundMs: number; rounds: number }): Throughput[] {
  let sink = 0;
  const runFor = (match: Match, ms: number, offset: number): number => {
    const started = cpuMs();
    let items = 0;
    let elapsed = 0;
    do {
      for (let k = 0; k < 8; k++) {
        sink += match(corpus[(offset + items) % corpus.length] as MatchableText).length;
        items++;
      }
      elapsed = cpuMs() - started;
    } while (elapsed < ms);
    return (items / elapsed) * 1000;
  };
  matchers.forEach((match) => runFor(match, options.roundMs, 0));
  const rates: number[][] = matchers.map(() => []);
  for (let r = 0; r < options.rounds; r++) {
    matchers.forEach((match, i) => rates[i]?.push(runFor(match, options.roundMs, r * 97)));
  }
  if (sink < 0) throw new Error('unreachable');
  return rates.map((list) => ({ itemsPerSecond: Math.max(...list), medianItemsPerSecond: median(list) }));
}
