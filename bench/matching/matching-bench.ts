import type { MatchableText } from '../../src/rules/compile-rule-set';
import type { Rule } from '../../src/rules/rule';
import { row, type Row } from '../support/bench-result';
import { createRandom } from '../support/random';
import { progress, runChild } from '../support/run-child';
import { median, roundTo } from '../support/stats';
import { writeNewsItem } from '../support/write-news-item';
import { createAutomatonMatcher } from './automaton-matcher';
import { createCombinedRegExpMatcher } from './combined-regexp-matcher';
import { generateRules } from './generate-rules';
import type { ItemMatcher } from './item-matcher';
import { cpuMs, measureThroughputs, type Throughput } from './measure-throughput';
import { createNaiveMatcher } from './naive-matcher';
import { createProjectMatcher } from './project-matcher';
import { measureStoryRecognition } from './story-recognition';

const SUITE = 'matching';
const RULE_COUNTS = [10, 100, 1_000, 10_000, 50_000] as const;
/** Rule counts at which only the project's matcher runs: the naive baseline needs ~0.5 s an item at 50,000. */
const PROJECT_ONLY_FROM = 50_000;
const CORPUS_SIZE = 2_000;
const AGREEMENT_SAMPLE = 400;
/** The naive matcher needs ~0.1 s an item at 10,000 rules: its agreement is checked on what fits in this. */
const AGREEMENT_BUDGET_MS = 3_000;
const ROUND_MS = 200;
const ROUNDS = 8;
/** The compile target is about the largest set: it is compiled this many times and the median kept. */
const COMPILES_AT_LARGEST = 3;

const ENGINES: ReadonlyArray<{ key: string; create: (rules: readonly Rule[]) => ItemMatcher }> = [
  { key: 'project', create: createProjectMatcher },
  { key: 'naive', create: createNaiveMatcher },
  { key: 'combinedRegExp', create: createCombinedRegExpMatcher },
  { key: 'automaton', create: createAutomatonMatcher },
];

interface EngineFigures {
  name: string;
  /** CPU ms (process.cpuUsage), so other jobs on the machine do not count; median of 3 at 50,000 rules. */
  compileMs: number;
  /** Best round; medianItemsPerSecond is the median round (see measureThroughput). */
  itemsPerSecond: number;
  medianItemsPerSecond: number;
  microsPerItem: number;
  /** Share of sampled items on which it fires exactly the rules the project's matcher fires. */
  agreement: number;
}

async function main(): Promise<{ rows: Row[]; details: Record<string, unknown> }> {
  const random = createRandom(20_260_101);
  const corpus: MatchableText[] = Array.from({ length: CORPUS_SIZE }, () => writeNewsItem(random));
  const itemBytes = corpus.reduce((sum, item) => sum + Buffer.byteLength(item.title + item.summary + item.categories.join('')), 0) / corpus.length;
  const ruleSets = RULE_COUNTS.map((count) => generateRules(count, createRandom(7)));
  const bySize: Record<number, { matchRate: number; engines: Record<string, EngineFigures> }> = {};
  RULE_COUNTS.forEach((count) => (bySize[count] = { matchRate: 0, engines: {} }));

  // Every matcher of every size is built first, then all are timed round-robin (measureThroughputs), so
  // a busy spell on the machine during the run costs them alike rather than one engine or one size.
  const references: string[][] = [];
  const built = ENGINES.flatMap(({ key, create }) =>
    ruleSets.flatMap((rules, s) => {
      if (key !== 'project' && (RULE_COUNTS[s] as number) >= PROJECT_ONLY_FROM) return [];
      const { matcher, compileMs } = timedCompile(() => create(rules), key === 'project' && RULE_COUNTS[s] === PROJECT_ONLY_FROM ? COMPILES_AT_LARGEST : 1);
      const sample = firedOnSample(matcher, corpus, new Map(rules.map((rule, index) => [rule.id, index])));
      if (key === 'project') references[s] = sample;
      const reference = references[s] ?? [];
      return [{ key, count: RULE_COUNTS[s] as number, matcher, compileMs, sample, agreement: sample.filter((f, i) => f === reference[i]).length / sample.length }];
    }),
  );
  progress(SUITE, `built ${built.length} matchers; timing them in turn`);
  const throughputs = measureThroughputs(built.map((b) => (item: MatchableText) => b.matcher.match(item)), corpus, { roundMs: ROUND_MS, rounds: ROUNDS });
  built.forEach(({ key, count, matcher, compileMs, sample, agreement }, i) => {
    const throughput = throughputs[i] as Throughput;
    const size = bySize[count] as (typeof bySize)[number];
    if (key === 'project') size.matchRate = roundTo(sample.filter((f) => f !== '').length / sample.length);
    size.engines[key] = {
      name: matcher.name,
      compileMs: roundTo(compileMs),
      itemsPerSecond: roundTo(throughput.itemsPerSecond),
      medianItemsPerSecond: roundTo(throughput.medianItemsPerSecond),
      microsPerItem: roundTo(1e6 / throughput.itemsPerSecond),
      agreement: roundTo(agreement),
    };
    progress(SUITE, `${count} rules, ${matcher.name}: ${Math.round(throughput.itemsPerSecond)} items/s (median ${Math.round(throughput.medianItemsPerSecond)}), compile ${compileMs.toFixed(0)} ms, agreement ${(agreement * 100).toFixed(1)}%`);
  });
  progress(SUITE, 'story recognition on the labelled sets, and its cost per matched item');
  const at10k = bySize[10_000] as (typeof bySize)[number];
  const stories = measureStoryRecognition(1e6 / (at10k.engines.project?.medianItemsPerSecond ?? Number.NaN), at10k.matchRate);
  const details = { corpusItems: CORPUS_SIZE, averageItemBytes: Math.round(itemBytes), bySize, bestEngine: bestEngines(bySize), storyRecognition: stories.details };
  return { rows: [...rowsOf(bySize), ...stories.rows], details };
}

/** Builds the matcher `times` times; the last one built, and the median CPU ms of the builds. */
function timedCompile(create: () => ItemMatcher, times: number): { matcher: ItemMatcher; compileMs: number } {
  const durations: number[] = [];
  let matcher: ItemMatcher | undefined;
  for (let k = 0; k < times; k++) {
    const started = cpuMs();
    matcher = create();
    durations.push(cpuMs() - started);
  }
  return { matcher: matcher as ItemMatcher, compileMs: median(durations) };
}

/** Fired rules for the first sample items, as many as the time budget allows (at least 20). */
function firedOnSample(matcher: ItemMatcher, corpus: readonly MatchableText[], idToIndex: Map<string, number>): string[] {
  const deadline = performance.now() + AGREEMENT_BUDGET_MS;
  const sample: string[] = [];
  for (const item of corpus.slice(0, AGREEMENT_SAMPLE)) {
    if (sample.length >= 20 && performance.now() > deadline) break;
    sample.push(fired(matcher, item, idToIndex));
  }
  return sample;
}

/** The fired rules as a canonical string of rule indexes, to compare engines item by item. */
function fired(matcher: ItemMatcher, item: MatchableText, idToIndex: Map<string, number>): string {
  return matcher
    .match(item)
    .map((r) => (typeof r === 'string' ? (idToIndex.get(r) ?? -1) : r))
    .sort((a, b) => a - b)
    .join(',');
}

/**
 * Headline figures come from the median round, not the fastest: what a user's machine gives on an
 * ordinary minute. The fastest round stays in results.json (itemsPerSecond) for comparing code changes.
 */
function rowsOf(bySize: Record<number, { engines: Record<string, EngineFigures> }>): Row[] {
  const rate = (count: number, key: string) => bySize[count]?.engines[key]?.medianItemsPerSecond ?? Number.NaN;
  const rows: Row[] = RULE_COUNTS.map((count) =>
    count >= PROJECT_ONLY_FROM
      ? row(SUITE, `items/s at ${count.toLocaleString('en')} rules (median round): project only`, rate(count, 'project'), 'items/s')
      : row(SUITE, `items/s at ${count.toLocaleString('en')} rules (median round): project / naive / RegExp / Aho–Corasick`, rate(count, 'project'), 'items/s', undefined,
          `${fmt(rate(count, 'naive'))} / ${fmt(rate(count, 'combinedRegExp'))} / ${fmt(rate(count, 'automaton'))}`),
  );
  const compileMs = bySize[50_000]?.engines.project?.compileMs ?? Number.NaN;
  rows.push(
    row(SUITE, 'speed-up over naive at 1,000 rules (median rounds)', roundTo(rate(1_000, 'project') / rate(1_000, 'naive')), '×', { op: '>=', value: 20, text: '≥ 20×' }),
    row(SUITE, 'time per ~1 KB item at 10,000 rules (median round)', roundTo(1e6 / rate(10_000, 'project')), 'µs', { op: '<', value: 60, text: '< 60 µs' }),
    row(SUITE, 'time per ~1 KB item at 50,000 rules (median round)', roundTo(1e6 / rate(50_000, 'project')), 'µs', { op: '<', value: 80, text: '< 80 µs' }),
    row(SUITE, 'compile 50,000 rules into one scanner (CPU, median of 3)', roundTo(compileMs), 'ms', { op: '<', value: 1_000, text: '< 1 s' }),
    row(SUITE, 'throughput at 10,000 rules ÷ at 10 rules (median rounds)', roundTo(rate(10_000, 'project') / rate(10, 'project')), 'ratio', { op: '>=', value: 1 / 3, text: '≥ 0.33' }),
  );
  return rows;
}

function bestEngines(bySize: Record<number, { engines: Record<string, EngineFigures> }>): Record<number, string> {
  return Object.fromEntries(
    Object.entries(bySize).map(([count, { engines }]) => {
      const best = Object.values(engines).sort((a, b) => b.itemsPerSecond - a.itemsPerSecond)[0];
      return [count, best?.name ?? 'none'];
    }),
  );
}

function fmt(value: number): string {
  return Math.round(value).toLocaleString('en');
}

runChild(SUITE, main);
