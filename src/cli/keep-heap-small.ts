import { setFlagsFromString } from 'node:v8';

/** V8 grows the heap by this percentage over the live set after each full collection. */
const HEAP_GROWING_PERCENT = 50;

/**
 * The bot's live set is small (about 35 MB with 500 feeds) but every poll churns through parser garbage,
 * and V8's default lets the heap grow to several times the live set before a full collection: 230–270 MB
 * of RSS where 180 MB does. A fixed 1.5× growth keeps it near the live set for a few more full
 * collections per poll, each a few milliseconds (BENCHMARKS.md, "Peak RSS"). Unlike a heap cap it can
 * never run the process out of memory. The flag is read at every collection, so setting it at start-up
 * takes effect; it cannot go through NODE_OPTIONS, which accepts only a few V8 flags.
 */
export function keepHeapSmall(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
