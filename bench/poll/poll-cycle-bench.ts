import { row, type Row, type Target } from '../support/bench-result';
import { progress, runChild } from '../support/run-child';
import { maximum, median, roundTo } from '../support/stats';
import { copyFileSync, existsSync } from 'node:fs';
import { createTempStore, type TempStore } from '../support/bot-setup';
import { DEFAULT_SHAPE, hostCount, type FarmShape } from './farm-plan';
import { createPollStore, type CycleFigures } from './measure-cycles';
import type { ParseCost } from './measure-parse-share';
import type { PhaseResult } from './poll-phase';
import { runPhase, runTypicalBot } from './run-phase';

const SUITE = 'poll cycle';

/** Polls right after a process starts: the bot does not yet know what each feed served last time. */
const COLD_CYCLES = 2;

/** The shapes measured beside the bench's own (50% of feeds change per poll, the rest answer 304). */
const EXTRA_SHAPES = {
  'tenth-changing': { changePercent: 10, never304: false, label: '10% of feeds change per poll' },
  'never-304': { changePercent: 50, never304: true, label: 'feeds never answer 304 (XML changes every fetch)' },
} as const;
type ExtraShape = keyof typeof EXTRA_SHAPES;

/**
 * `--feeds N` feeds (500 by default) on loopback hosts (see hostCount in farm-plan.ts), polled by the real bot with the default
 * limits, in phases sharing one store, each in a fresh process: every feed's first poll (cycle 0); five
 * polls where half the feeds answer 304 (cycles 1–5), of which the last three are the steady state of a
 * running bot; four more with every feed addressed as 127.0.0.1 (cycles 6–9, steady from cycle 8); then
 * other shapes from a copy of the store after the first poll. The typical bot polls each shape beside it.
 */
async function main(args: readonly string[]): Promise<{ rows: Row[]; details: Record<string, unknown> }> {
  const shape: FarmShape = { ...DEFAULT_SHAPE, feeds: Number(valueOf(args, '--feeds') ?? DEFAULT_SHAPE.feeds) };
  const backend = valueOf(args, '--store') === 'redis' ? 'redis' : 'sqlite';
  const shapes = valueOf(args, '--shapes')?.split(',') ?? [...Object.keys(EXTRA_SHAPES), 'one-host'];
  const extras = shapes.filter((s): s is ExtraShape => s in EXTRA_SHAPES);
  // All feeds on one host, 1 s apart (limits.minHostIntervalMs): 2,000 feeds take over half an hour a cycle.
  const withOneHost = shapes.includes('one-host');
  const withTypical = !args.includes('--no-typical');
  const store = await createPollStore(backend);
  const copies: TempStore[] = [];
  try {
    const first = await runPhase({ storeUrl: store.storeUrl, shape, cycles: [0], hosts: 'spread', parseShare: false });
    first.cycles.forEach((c) => progress(SUITE, describe(c)));
    // Every shape starts where the first poll left the store; SQLite copies are cheap, Redis gets the main shape only.
    const shapeStores = backend === 'sqlite' ? extras.map((name) => ({ name, store: copyStore(store, name) })) : [];
    copies.push(...shapeStores.map((s) => s.store));
    const steady = await runPhase({ storeUrl: store.storeUrl, shape, cycles: [1, 2, 3, 4, 5], hosts: 'spread', parseShare: true });
    steady.cycles.forEach((c) => progress(SUITE, describe(c)));
    const oneHost = withOneHost ? await runPhase({ storeUrl: store.storeUrl, shape, cycles: [6, 7, 8, 9], hosts: 'one-host', parseShare: false }) : { cycles: [], peakRssMb: Number.NaN };
    oneHost.cycles.forEach((c) => progress(SUITE, `one host: ${describe(c)}`));
    const others: ShapeFigures[] = [];
    for (const { name, store: copy } of shapeStores) {
      const otherShape = { ...shape, changePercent: EXTRA_SHAPES[name].changePercent, never304: EXTRA_SHAPES[name].never304 };
      const phase = await runPhase({ storeUrl: copy.storeUrl, shape: otherShape, cycles: [1, 2, 3, 4, 5], hosts: 'spread', parseShare: false });
      phase.cycles.forEach((c) => progress(SUITE, `${name}: ${describe(c)}`));
      others.push({ name, label: EXTRA_SHAPES[name].label, shape: otherShape, ours: phase });
    }
    const typical = withTypical ? await measureTypical(shape, others, withOneHost) : undefined;
    const parse = steady.parse as ParseCost;
    const last = steady.cycles[steady.cycles.length - 1] as CycleFigures;
    progress(SUITE, `parsing the last cycle's ${parse.feeds} bodies: rss-parser ${parse.rssParserCpuMs.toFixed(0)} ms, parseFeed ${parse.parseFeedCpuMs.toFixed(0)} ms, the bot's parse of new items only ${parse.botParseCpuMs.toFixed(0)} ms CPU`);
    return {
      rows: [
        ...rowsOf(shape.feeds, backend, first.cycles[0] as CycleFigures, first.peakRssMb, steady.cycles, steady.peakRssMb, oneHost.cycles, parse, last),
        ...comparisonRows(shape.feeds, steady, oneHost, others, typical),
      ],
      details: { feeds: shape.feeds, hosts: hostCount(shape.feeds), backend, first, steady, oneHost, others, typical },
    };
  } finally {
    store.remove();
    copies.forEach((copy) => copy.remove());
  }
}

interface ShapeFigures {
  name: string;
  label: string;
  shape: FarmShape;
  ours: PhaseResult;
}

interface TypicalFigures {
  bench: PhaseResult;
  oneHost: PhaseResult | undefined;
  others: Record<string, PhaseResult>;
}

/** The typical bot on every shape ours polled, each in a fresh process (its keyv in memory). */
async function measureTypical(shape: FarmShape, others: readonly ShapeFigures[], withOneHost: boolean): Promise<TypicalFigures> {
  const run = async (name: string, runShape: FarmShape, hosts: 'spread' | 'one-host') => {
    const result = await runTypicalBot(runShape, { cycles: [0, 1, 2, 3, 4, 5], hosts });
    result.cycles.forEach((c) => progress(SUITE, `typical bot, ${name}: ${describe(c)}`));
    return result;
  };
  const bench = await run('bench shape', shape, 'spread');
  const oneHost = withOneHost ? await run('one host', shape, 'one-host') : undefined;
  const byName: Record<string, PhaseResult> = {};
  for (const other of others) byName[other.name] = await run(other.name, other.shape, 'spread');
  return { bench, oneHost, others: byName };
}

/** Ours beside the typical bot, shape by shape: steady CPU per poll (median of the last 3) and peak RSS. */
function comparisonRows(feeds: number, steady: PhaseResult, oneHost: PhaseResult, others: readonly ShapeFigures[], typical: TypicalFigures | undefined): Row[] {
  if (!typical) return [];
  const lines: { label: string; ours: PhaseResult; theirs: PhaseResult | undefined }[] = [
    { label: '50% of feeds change per poll (bench shape)', ours: steady, theirs: typical.bench },
    ...(typical.oneHost ? [{ label: 'all feeds on one host', ours: oneHost, theirs: typical.oneHost }] : []),
    ...others.map((o) => ({ label: o.label, ours: o.ours, theirs: typical.others[o.name] })),
  ];
  return lines.flatMap(({ label, ours, theirs }) => {
    if (!theirs) return [];
    const ourCpu = median(ours.cycles.slice(COLD_CYCLES).map((c) => c.cpuMs / 1000));
    const theirCpu = median(theirs.cycles.slice(1 + COLD_CYCLES).map((c) => c.cpuMs / 1000));
    return [
      row('vs typical bot', `${feeds} feeds, ${label}: CPU per poll, ours ÷ typical`, roundTo(ourCpu / theirCpu), '×', { op: '<', value: 1, text: '< 1' },
        `ours ${ourCpu.toFixed(2)} CPU-s, typical ${theirCpu.toFixed(2)} CPU-s`),
      row('vs typical bot', `${feeds} feeds, ${label}: peak RSS, ours ÷ typical`, roundTo(ours.peakRssMb / theirs.peakRssMb), '×', { op: '<', value: 1, text: '< 1' },
        `ours ${ours.peakRssMb.toFixed(0)} MB (${loaded(ours)} MB loaded, before polling), typical ${theirs.peakRssMb.toFixed(0)} MB (${loaded(theirs)} MB loaded)`),
    ];
  });
}

function loaded(phase: PhaseResult): string {
  return (phase.cycles[0]?.rssBeforeMb ?? Number.NaN).toFixed(0);
}

/** The copy of a SQLite store (with its write-ahead log) for another shape. */
function copyStore(store: TempStore, name: string): TempStore {
  const copy = createTempStore(`poll-${name}`);
  const from = store.storeUrl.slice('sqlite://'.length);
  const to = copy.storeUrl.slice('sqlite://'.length);
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(from + suffix)) copyFileSync(from + suffix, to + suffix);
  return copy;
}

function valueOf(args: readonly string[], flag: string): string | undefined {
  const index = args.indexOf(flag);
  return index >= 0 ? args[index + 1] : undefined;
}

/** The targets by feed count: the original 500-feed bench, and the scale goals at 2,000 and 10,000. */
function targetsFor(feeds: number): { wall?: Target; cpu?: Target; rss?: Target; firstRss?: Target } {
  if (feeds === 500) return { wall: { op: '<=', value: 2, text: '≤ 2 s' }, cpu: { op: '<=', value: 1.5, text: '≤ 1.5 CPU-s' }, rss: { op: '<', value: 200, text: '< 200 MB' }, firstRss: { op: '<', value: 200, text: '< 200 MB' } };
  if (feeds === 2_000) return { firstRss: { op: '<=', value: 250, text: '≤ 250 MB' } };
  if (feeds === 10_000) return { cpu: { op: '<=', value: 10, text: '≤ 10 CPU-s' }, rss: { op: '<=', value: 300, text: '≤ 300 MB' } };
  return {};
}

function rowsOf(feeds: number, backend: string, first: CycleFigures, firstRssMb: number, cycles: CycleFigures[], phaseRssMb: number, oneHostCycles: CycleFigures[], parse: ParseCost, last: CycleFigures): Row[] {
  const steady = cycles.slice(COLD_CYCLES);
  const cold = cycles.slice(0, COLD_CYCLES);
  const oneHost = oneHostCycles.slice(COLD_CYCLES);
  const wall = steady.map((c) => c.wallMs / 1000);
  const cpu = steady.map((c) => c.cpuMs / 1000);
  const seconds = (list: CycleFigures[], pick: (c: CycleFigures) => number) => list.map((c) => (pick(c) / 1000).toFixed(2)).join(' / ');
  const targets = targetsFor(feeds);
  const where = `${feeds} feeds on ${hostCount(feeds)} hosts, ${backend}`;
  return [
    row(SUITE, `wall time per cycle, ${where} (median of 3, running bot)`, roundTo(median(wall)), 's', targets.wall, `max ${maximum(wall).toFixed(2)} s`),
    row(SUITE, `CPU time per cycle, ${where} (median of 3, running bot)`, roundTo(median(cpu)), 'CPU-s', targets.cpu, `max ${maximum(cpu).toFixed(2)} CPU-s`),
    row(SUITE, `the ${COLD_CYCLES} cycles right after a restart: wall`, roundTo(maximum(cold.map((c) => c.wallMs / 1000))), 's', undefined,
      `${seconds(cold, (c) => c.wallMs)} s wall, ${seconds(cold, (c) => c.cpuMs)} CPU-s`),
    row(SUITE, `peak RSS, ${where}: fresh process, restart cycles included`, roundTo(phaseRssMb), 'MB', targets.rss),
    row(SUITE, `first poll of all ${feeds} feeds (no 304s): wall`, roundTo(first.wallMs / 1000), 's', undefined, `${(first.cpuMs / 1000).toFixed(1)} CPU-s, ${first.report.newItems} items`),
    row(SUITE, `peak RSS during the first poll of ${feeds} feeds`, roundTo(firstRssMb), 'MB', targets.firstRss),
    ...(oneHost.length === 0 ? [] : [row(SUITE, 'same polls with all feeds on 127.0.0.1 (per-host limit 2): wall', roundTo(median(oneHost.map((c) => c.wallMs / 1000))), 's', undefined,
      `${median(oneHost.map((c) => c.cpuMs / 1000)).toFixed(2)} CPU-s`)]),
    row('parsing', "share of a steady cycle's CPU spent parsing (new items only)", roundTo((parse.botParseCpuMs / last.cpuMs) * 100), '%', undefined,
      `${parse.botParsedItems} of ${parse.items} items parsed; all of them would take ${((parse.parseFeedCpuMs / last.cpuMs) * 100).toFixed(0)}% (rss-parser alone ${((parse.rssParserCpuMs / last.cpuMs) * 100).toFixed(0)}%)`),
  ];
}

function describe(c: CycleFigures): string {
  const { feeds, newItems, matched } = c.report;
  const heap = c.liveHeapMb === undefined ? '' : `, live heap ${c.liveHeapMb.toFixed(0)} MB`;
  return `cycle ${c.cycle}: ${(c.wallMs / 1000).toFixed(2)} s wall, ${(c.cpuMs / 1000).toFixed(2)} CPU-s, RSS ${c.peakRssMb.toFixed(0)} MB peak${heap}; feeds ok ${feeds.ok}, 304 ${feeds.notModified}, failed ${feeds.failed}; new items ${newItems}, matched ${matched}`;
}

runChild(SUITE, main);
