import { setFlagsFromString } from 'node:v8';

/**
 * V8 grows the heap by this percentage over the live set after each full collection. 25 rather than 50:
 * the first poll of 2,000 new feeds peaks at 243 MB instead of 268 MB, steady polls within noise in CPU (BENCHMARKS.md, "Scale").
 */
const HEAP_GROWING_PERCENT = 25;

/**
 * V8 sizes the young generation by how much survives each scavenge: loading discord.js alone takes it
 * from 2 to 33 MB (two 16 MB semi-spaces), and it never shrinks back, however small the live set. A growth
 * factor of 1 keeps it at its initial 1 MB semi-spaces: 34 MB less RSS in steady polls at 500 feeds, for
 * more scavenges (a first poll takes ~28% more CPU, a steady one the same).
 */
const SEMI_SPACE_GROWTH_FACTOR = 1;

/**
 * The bot's live set is small (25–40 MB at 2,000 feeds) but every poll churns through parser garbage.
 * V8's defaults let the heap grow to several times the live set before a full collection, and keep a
 * 33 MB young generation beside it: RSS far above what the bot holds (BENCHMARKS.md, "Peak RSS" and
 * "Scale"). Both flags are read by V8 at run time, so setting them first thing takes effect without a
 * Node start flag; the young generation's must come before any module is loaded, which is why the entry
 * point (src/cli.ts) calls this before anything else. Unlike a heap cap neither can run the process out of memory.
 *
 * The young generation is pinned only when the process was not started with a cap of its own. `npm start`
 * and the Docker image start Node with `--max-semi-space-size=4`: 4 MB semi-spaces mean a quarter of the
 * scavenges, for a few MB (BENCHMARKS.md, "Scale"). V8 takes that cap only at start; without it the young
 * generation could grow to 16 MB semi-spaces.
 */
export function keepHeapSmall(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  if (!startedWithYoungGenerationCap()) setFlagsFromString(`--semi-space-growth-factor=${SEMI_SPACE_GROWTH_FACTOR}`);
}

function startedWithYoungGenerationCap(): boolean {
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  return flags.some((flag) => flag.startsWith('--max-semi-space-size'));
}
