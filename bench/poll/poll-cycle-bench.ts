import { row, type Row } from '../support/bench-result';
import { progress, runChild } from '../support/run-child';
import { maximum, median, roundTo } from '../support/stats';
import { FEED_COUNT, HOST_COUNT } from './farm-plan';
import { createPollStore, type CycleFigures } from './measure-cycles';
import type { ParseCost } from './measure-parse-share';
import { runPhase } from './run-phase';

const SUITE = 'poll cycle';

/** Polls right after a process starts: the bot does not yet know what each feed served last time. */
const COLD_CYCLES = 2;

/**
 * 500 feeds on 100 loopback hosts, polled by the real bot with the default limits, in three phases
 * sharing one store, each in a fresh process: every feed's first poll (cycle 0); five polls where half
 * the feeds answer 304 (cycles 1–5), of which the last three are the steady state of a running bot;
 * four more with every feed addressed as 127.0.0.1 (cycles 6–9, steady from cycle 8).
 */
async function main(): Promise<{ rows: Row[]; details: Record<string, unknown> }> {
  const store = await createPollStore();
  try {
    const first = await runPhase({ storeUrl: store.storeUrl, cycles: [0], hosts: 'spread', parseShare: false });
    first.cycles.forEach((c) => progress(SUITE, describe(c)));
    const steady = await runPhase({ storeUrl: store.storeUrl, cycles: [1, 2, 3, 4, 5], hosts: 'spread', parseShare: true });
    steady.cycles.forEach((c) => progress(SUITE, describe(c)));
    const oneHost = await runPhase({ storeUrl: store.storeUrl, cycles: [6, 7, 8, 9], hosts: 'one-host', parseShare: false });
    oneHost.cycles.forEach((c) => progress(SUITE, `one host: ${describe(c)}`));
    const parse = steady.parse as ParseCost;
    const last = steady.cycles[steady.cycles.length - 1] as CycleFigures;
    progress(SUITE, `parsing the last cycle's ${parse.feeds} bodies: rss-parser ${parse.rssParserCpuMs.toFixed(0)} ms, parseFeed ${parse.parseFeedCpuMs.toFixed(0)} ms, the bot's parse of new items only ${parse.botParseCpuMs.toFixed(0)} ms CPU`);
    return {
      rows: rowsOf(first.cycles[0] as CycleFigures, first.peakRssMb, steady.cycles, steady.peakRssMb, oneHost.cycles, parse, last),
      details: { feeds: FEED_COUNT, hosts: HOST_COUNT, first, steady, oneHost },
    };
  } finally {
    store.remove();
  }
}

function rowsOf(first: CycleFigures, firstRssMb: number, cycles: CycleFigures[], phaseRssMb: number, oneHostCycles: CycleFigures[], parse: ParseCost, last: CycleFigures): Row[] {
  const steady = cycles.slice(COLD_CYCLES);
  const cold = cycles.slice(0, COLD_CYCLES);
  const oneHost = oneHostCycles.slice(COLD_CYCLES);
  const wall = steady.map((c) => c.wallMs / 1000);
  const cpu = steady.map((c) => c.cpuMs / 1000);
  const seconds = (list: CycleFigures[], pick: (c: CycleFigures) => number) => list.map((c) => (pick(c) / 1000).toFixed(2)).join(' / ');
  return [
    row(SUITE, 'wall time per cycle, 500 feeds on 100 hosts (median of 3, running bot)', roundTo(median(wall)), 's', { op: '<=', value: 2, text: '≤ 2 s' }, `max ${maximum(wall).toFixed(2)} s`),
    row(SUITE, 'CPU time per cycle (median of 3, running bot)', roundTo(median(cpu)), 'CPU-s', { op: '<=', value: 1.5, text: '≤ 1.5 CPU-s' }, `max ${maximum(cpu).toFixed(2)} CPU-s`),
    row(SUITE, `the ${COLD_CYCLES} cycles right after a restart: wall`, roundTo(maximum(cold.map((c) => c.wallMs / 1000))), 's', undefined,
      `${seconds(cold, (c) => c.wallMs)} s wall, ${seconds(cold, (c) => c.cpuMs)} CPU-s`),
    row(SUITE, 'peak RSS: fresh process, restart cycles included', roundTo(phaseRssMb), 'MB', { op: '<', value: 200, text: '< 200 MB' }),
    row(SUITE, 'first poll of all 500 feeds (no 304s): wall', roundTo(first.wallMs / 1000), 's', undefined, `${(first.cpuMs / 1000).toFixed(1)} CPU-s, ${first.report.newItems} items`),
    row(SUITE, 'peak RSS during the first poll', roundTo(firstRssMb), 'MB', { op: '<', value: 200, text: '< 200 MB' }),
    row(SUITE, 'same polls with all feeds on 127.0.0.1 (per-host limit 2): wall', roundTo(median(oneHost.map((c) => c.wallMs / 1000))), 's', undefined,
      `${median(oneHost.map((c) => c.cpuMs / 1000)).toFixed(2)} CPU-s`),
    row('parsing', "share of a steady cycle's CPU spent parsing (new items only)", roundTo((parse.botParseCpuMs / last.cpuMs) * 100), '%', undefined,
      `${parse.botParsedItems} of ${parse.items} items parsed; all of them would take ${((parse.parseFeedCpuMs / last.cpuMs) * 100).toFixed(0)}% (rss-parser alone ${((parse.rssParserCpuMs / last.cpuMs) * 100).toFixed(0)}%)`),
  ];
}

function describe(c: CycleFigures): string {
  const { feeds, newItems, matched } = c.report;
  return `cycle ${c.cycle}: ${(c.wallMs / 1000).toFixed(2)} s wall, ${(c.cpuMs / 1000).toFixed(2)} CPU-s; feeds ok ${feeds.ok}, 304 ${feeds.notModified}, failed ${feeds.failed}; new items ${newItems}, matched ${matched}`;
}

runChild(SUITE, main);
