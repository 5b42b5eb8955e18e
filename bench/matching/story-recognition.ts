import { join } from 'node:path';
import { compareStories } from '../../src/stories/compare-stories';
import { storyTextOf } from '../../src/stories/story';
import { createStoryRecogniser } from '../../src/stories/story-recogniser';
import { signatureOf } from '../../src/stories/story-signature';
import { labelledTimeline, reversedTimeline, type LabelledItem } from '../../test/support/labelled-stories';
import { row, type Row } from '../support/bench-result';
import { REPO_ROOT } from '../support/paths';
import { createRandom } from '../support/random';
import { median, roundTo } from '../support/stats';
import { writeNewsItem } from '../support/write-news-item';
import { cpuMs } from './measure-throughput';

const SUITE = 'matching';
const HOUR_MS = 3_600_000;
const START = Date.parse('2026-03-02T00:00:00Z');
/** The recogniser's cap on remembered members: what it compares against after a busy 48 hours. */
const FULL_INDEX = 10_000;
const COST_SAMPLE = 2_000;

/** The hand-written sets of test/fixtures/stories/ (see BENCHMARKS.md: all three have been tuned on). */
const SETS = [
  { key: 'labelled', file: 'labelled.json' },
  { key: 'held-out', file: 'held-out.json' },
  { key: 'review', file: 'review.json' },
] as const;

interface SetFigures {
  rewrites: number;
  merged: number;
  /** Groups of distinct stories that ended up as one story, forwards and played backwards. */
  mixedForwards: number;
  mixedBackwards: number;
  /** Pairs of items of different stories judged the same when compared directly, in either order. */
  falsePairs: number;
  /** CPU µs per recognise() over the set's flow (a small index: the set's own items). */
  microsPerItem: number;
}

/** Each item's story id after running the flow through one recogniser, and the CPU it took. */
function recogniseFlow(items: readonly LabelledItem[]): { stories: Map<LabelledItem, string>; cpuMs: number } {
  const recogniser = createStoryRecogniser();
  const started = cpuMs();
  const stories = new Map(items.map((item, i) => [item, recogniser.recognise({ key: `item-${i}`, text: storyTextOf(item) }, START + item.hour * HOUR_MS).id]));
  return { stories, cpuMs: cpuMs() - started };
}

function mixedCount(items: readonly LabelledItem[], stories: ReadonlyMap<LabelledItem, string>): number {
  return [...new Set(stories.values())].filter((id) => new Set(items.filter((i) => stories.get(i) === id).map((i) => i.label)).size > 1).length;
}

/** Rewrites (items after the first of their label) that joined the story of an earlier item of their label. */
function mergedRewrites(items: readonly LabelledItem[], stories: ReadonlyMap<LabelledItem, string>): { merged: number; rewrites: number } {
  const earlier = (item: LabelledItem) => items.filter((e) => e.label === item.label && e.hour < item.hour);
  const rewrites = items.filter((item) => earlier(item).length > 0);
  return { rewrites: rewrites.length, merged: rewrites.filter((item) => earlier(item).some((e) => stories.get(e) === stories.get(item))).length };
}

function falsePairs(items: readonly LabelledItem[]): number {
  const signed = items.map((item) => ({ label: item.label, signature: signatureOf(storyTextOf(item)) }));
  let count = 0;
  for (const a of signed) for (const b of signed) if (a.label !== b.label && compareStories(a.signature, b.signature).same) count++;
  return count;
}

function measureSet(file: string): SetFigures {
  const items = labelledTimeline(join(REPO_ROOT, 'test/fixtures/stories', file));
  const forwards = recogniseFlow(items);
  const reversed = reversedTimeline(items);
  return {
    ...mergedRewrites(items, forwards.stories),
    mixedForwards: mixedCount(items, forwards.stories),
    mixedBackwards: mixedCount(reversed, recogniseFlow(reversed).stories),
    falsePairs: falsePairs(items),
    microsPerItem: roundTo((forwards.cpuMs * 1000) / items.length),
  };
}

/**
 * What recognising one matched item costs once the index is full (10,000 members of generated ~1 KB news,
 * the recogniser's cap): CPU µs per item over the last 2,000 recognised, in rounds of 200, median and
 * worst round. Generated items are mostly distinct stories, so each is compared with its candidates in full.
 */
function measureCost(): { microsPerItem: number; worstRoundMicros: number; fillMicrosPerItem: number; joinedShare: number } {
  const random = createRandom(4_242);
  const recogniser = createStoryRecogniser({ maxMembers: FULL_INDEX });
  const total = FULL_INDEX + COST_SAMPLE;
  const rounds: number[] = [];
  let joined = 0;
  const fillStarted = cpuMs();
  let fillMs = 0;
  for (let k = 0; k < total; k += 200) {
    const started = cpuMs();
    for (let i = k; i < k + 200; i++) {
      // 48 hours spread over the items, so none has left the window when the sample is taken.
      const at = START + Math.floor((i / total) * 47 * HOUR_MS);
      if (recogniser.recognise({ key: `generated-${i}`, text: storyTextOf(writeNewsItem(random)) }, at).joined) joined++;
    }
    if (k >= FULL_INDEX) rounds.push(((cpuMs() - started) * 1000) / 200);
    else fillMs = cpuMs() - fillStarted;
  }
  return { microsPerItem: roundTo(median(rounds)), worstRoundMicros: roundTo(Math.max(...rounds)), fillMicrosPerItem: roundTo((fillMs * 1000) / FULL_INDEX), joinedShare: roundTo(joined / total) };
}

/**
 * Story recognition figures, reported beside the matching rows (issue 12): it runs on every matched item,
 * after matching. `matchMicrosAt10k` and `matchRateAt10k` turn its cost into a per-item figure next to
 * matching's own.
 */
export function measureStoryRecognition(matchMicrosAt10k: number, matchRateAt10k: number): { rows: Row[]; details: Record<string, unknown> } {
  const sets = Object.fromEntries(SETS.map(({ key, file }) => [key, measureSet(file)])) as Record<(typeof SETS)[number]['key'], SetFigures>;
  const cost = measureCost();
  const all = Object.values(sets);
  const sum = (pick: (s: SetFigures) => number) => all.reduce((total, s) => total + pick(s), 0);
  const distinctMerged = sum((s) => s.mixedForwards + s.mixedBackwards);
  const perSet = SETS.map(({ key }) => `${key} ${sets[key].merged}/${sets[key].rewrites}`).join(', ');
  const rows = [
    row(SUITE, 'story recognition: rewritten duplicates merged, 3 hand-written sets pooled (all tuned on)', roundTo((100 * sum((s) => s.merged)) / sum((s) => s.rewrites)), '%', { op: '>=', value: 90, text: '≥ 90%' }, perSet),
    row(SUITE, 'story recognition: distinct stories merged (flows forwards and backwards) + false pairs', distinctMerged + sum((s) => s.falsePairs), 'merges', { op: '<=', value: 0, text: '0' }, `${distinctMerged} in flows, ${sum((s) => s.falsePairs)} pairs`),
    row(SUITE, `story recognition per matched item, index full (${FULL_INDEX.toLocaleString('en')} members; median of 10 rounds)`, cost.microsPerItem, 'µs', undefined, `worst round ${cost.worstRoundMicros} µs`),
    row(SUITE, 'matching + story recognition per item at 10,000 rules (recognition on matched items only)', roundTo(matchMicrosAt10k + matchRateAt10k * cost.microsPerItem), 'µs', undefined, `matching ${roundTo(matchMicrosAt10k)} µs + ${Math.round(matchRateAt10k * 100)}% matched × ${cost.microsPerItem} µs`),
  ];
  return { rows, details: { sets, cost } };
}
