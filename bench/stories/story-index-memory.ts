import { storyTextOf } from '../../src/stories/story';
import { createStoryRecogniser } from '../../src/stories/story-recogniser';
import { createRandom } from '../support/random';
import { median, roundTo } from '../support/stats';
import { writeNewsItem } from '../support/write-news-item';
import { cpuMs } from '../matching/measure-throughput';

/**
 * What the recogniser's 48-hour index costs per member, and what one recognise() costs once it is full:
 * `node --expose-gc dist/bench/bench/stories/story-index-memory.js [members] [--with-text]`. Fills one recogniser with
 * generated ~1 KB news (the bench's), as the poll cycle would (text bounded by storyTextOf), and reports the
 * heap (with array buffers) it holds per member after a full GC, and CPU µs per recognise() over 2,000 more items in rounds of 200.
 */

const HOUR_MS = 3_600_000;
const START = Date.parse('2026-03-02T00:00:00Z');
const ROUND = 200;
const SAMPLE = 2_000;

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  for (let i = 0; i < 3; i++) gc();
  // Typed arrays past 64 bytes keep their contents outside the heap: counted too.
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

function main(): void {
  const members = Number(process.argv.find((a) => /^\d+$/u.test(a)) ?? 10_000);
  const random = createRandom(4_242);
  // The items first; in the bot an item is dropped after its cycle, and the member's text is all that stays:
  // with --with-text the items are generated as they are recognised, so that text is counted.
  const withText = process.argv.includes('--with-text');
  const texts = withText ? [] : Array.from({ length: members + SAMPLE }, () => storyTextOf(writeNewsItem(random)));
  const textOf = (i: number) => texts[i] ?? storyTextOf(writeNewsItem(random));
  const total = members + SAMPLE;
  const at = (i: number) => START + Math.floor((i / total) * 47 * HOUR_MS);
  const recogniser = createStoryRecogniser({ maxMembers: members });
  const before = heapAfterGc();
  for (let i = 0; i < members; i++) recogniser.recognise({ key: `generated-${i}`, text: textOf(i) }, at(i));
  const after = heapAfterGc();
  const rounds: number[] = [];
  for (let k = members; k < total; k += ROUND) {
    const started = cpuMs();
    for (let i = k; i < k + ROUND; i++) recogniser.recognise({ key: `generated-${i}`, text: textOf(i) }, at(i));
    rounds.push(((cpuMs() - started) * 1000) / ROUND);
  }
  console.log(JSON.stringify({ withText, members: recogniser.size(), bytesPerMember: Math.round((after - before) / members), memoryMb: roundTo(after / 1e6), recogniseMicros: roundTo(median(rounds)), rounds: rounds.map((r) => Math.round(r)) }));
}

main();
