import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareStories } from '../../src/stories/compare-stories';
import { storyTextOf, type StoryMember } from '../../src/stories/story';
import { createStoryRecogniser, type Recognition, type StoryRecogniser } from '../../src/stories/story-recogniser';
import { signatureOf, type StoryText } from '../../src/stories/story-signature';
import { labelledTimeline, reversedTimeline, type LabelledItem } from '../../test/support/labelled-stories';
import { REPO_ROOT } from '../support/paths';
import { createRandom, type Random } from '../support/random';
import { writeNewsItem } from '../support/write-news-item';

/**
 * A check that a change to the story recogniser's internals (issue 15: how the index keeps signatures)
 * leaves every decision as it was. `write FILE` records, for a large corpus, every recogniser answer (story,
 * joined or founded, the member repeated and its score) and every verdict of a direct comparison;
 * `compare OLD NEW` fails unless two records agree (scores to 1e-9). Run `write` with the old tree's build
 * and with the new one's (the script uses only the recogniser's public functions), then `compare`:
 *
 *   node dist/bench/bench/stories/story-decisions.js write /tmp/new.json
 *   node dist/bench/bench/stories/story-decisions.js compare /tmp/old.json /tmp/new.json
 *
 * The corpus: the three hand-written sets of test/fixtures/stories/ as flows forwards and backwards, and
 * every ordered pair of their items; then all three pooled with 14,000 generated items (the bench's news)
 * and rewrites and look-alikes of them, over 60 hours through one recogniser of 10,000 members (so the cap
 * and the 48-hour window both forget members), with exact duplicates attached and a restart that refills a
 * second recogniser with `add`; and every ordered pair of 700 items of that flow.
 */

const HOUR_MS = 3_600_000;
const START = Date.parse('2026-03-02T00:00:00Z');
const SETS = ['labelled.json', 'held-out.json', 'review.json'];
const GENERATED = 14_000;
const FLOW_HOURS = 60;
const PAIR_SAMPLE = 700;
const SCORE_TOLERANCE = 1e-9;

/** One answer of the recogniser: key, story, joined (1/0), the member repeated and its score. */
type Answer = [string, string, number, string | null, number | null];
/** One verdict: same (1/0), score (null when not computed), conflict. */
type Verdict = [number, number | null, string | null];

interface DecisionRecord {
  flows: { [name: string]: Answer[] };
  pairs: { [name: string]: Verdict[] };
}

function answerOf(key: string, r: Recognition): Answer {
  return [key, r.id, r.joined ? 1 : 0, r.repeats?.itemKey ?? null, r.repeats?.score ?? null];
}

function flowOf(items: readonly LabelledItem[]): Answer[] {
  const recogniser = createStoryRecogniser();
  return items.map((item, i) => answerOf(`item-${i}`, recogniser.recognise({ key: `item-${i}`, text: storyTextOf(item) }, START + item.hour * HOUR_MS)));
}

function pairsOf(texts: readonly StoryText[]): Verdict[] {
  const signatures = texts.map(signatureOf);
  const verdicts: Verdict[] = [];
  for (let i = 0; i < signatures.length; i++) {
    for (let j = 0; j < signatures.length; j++) {
      if (i === j) continue;
      const v = compareStories(signatures[i]!, signatures[j]!);
      verdicts.push([v.same ? 1 : 0, v.score ?? null, v.same ? null : v.conflict]);
    }
  }
  return verdicts;
}

const WIRE = ['UPDATE 1-', 'EXCLUSIVE: ', 'BRIEF-', 'RPT-'];
const OUTLETS = ['Perth Mining Chronicle', 'Reuters', 'Mining Weekly', 'Metal Bulletin'];

/** Another outlet's rewrite of an item (same news), or a look-alike (a figure, name or direction changed). */
function variantOf(random: Random, text: StoryText): StoryText {
  const sentences = text.summary.split(/(?<=\.)\s+/u);
  const title = text.title;
  switch (random.int(0, 9)) {
    case 0:
      return { title: `${random.pick(WIRE)}${title}`, summary: text.summary };
    case 1:
      return { title: `${title} - ${random.pick(OUTLETS)}`, summary: sentences.slice(0, 3).join(' ') };
    case 2:
      return { title: title.replace(/\b\p{Ll}/gu, (c) => c.toUpperCase()), summary: sentences.slice(1).join(' ') };
    case 3:
      return { title: title.toUpperCase(), summary: [...sentences].reverse().join(' ') };
    case 4:
      return { title, summary: text.summary.replace(/ per cent/gu, '%').replace(/A\$/gu, 'US$') };
    case 5:
      return { title: title.replace(/\d+/u, (n) => String(Number(n) + 7)), summary: text.summary.replace(/\d+/u, (n) => String(Number(n) * 2)) };
    case 6:
      return { title: title.replace(/\b(rose|fell|climbed|slipped|jumped|eased|dropped)\b/u, (m) => (m === 'rose' ? 'fell' : 'rose')), summary: text.summary };
    case 7:
      return { title: title.replace(/^\S+/u, 'Lynas'), summary: text.summary.replace(/^\S+/u, 'Lynas') };
    case 8:
      return { title: `${title} as terbium exports from Myanmar halt`, summary: sentences.slice(0, 2).join(' ') };
    default:
      return { title: title.split(' ').slice(0, -2).join(' '), summary: sentences.slice(0, 4).join(' ') };
  }
}

interface FlowItem {
  key: string;
  text: StoryText;
  at: number;
  /** An exact duplicate: attached to the story of the item it copies. */
  copyOf?: string;
}

/** Fixture items, generated news and its variants, over FLOW_HOURS, oldest first. */
function pooledFlow(): FlowItem[] {
  const random = createRandom(15_015);
  const fixtures = SETS.flatMap((file) => labelledTimeline(join(REPO_ROOT, 'test/fixtures/stories', file)).map((item) => ({ text: storyTextOf(item), hour: item.hour })));
  const total = GENERATED + fixtures.length;
  const flow: FlowItem[] = [];
  let fixture = 0;
  for (let i = 0; i < total; i++) {
    const at = START + Math.floor((i / total) * FLOW_HOURS * HOUR_MS);
    const key = `flow-${i}`;
    const earlier = flow.length > 0 ? flow[Math.max(0, flow.length - 1 - random.int(0, 400))] : undefined;
    if (fixture < fixtures.length && random.chance(fixtures.length / total)) flow.push({ key, text: fixtures[fixture++]!.text, at });
    else if (earlier && random.chance(0.02)) flow.push({ key, text: earlier.text, at, copyOf: earlier.key });
    else if (earlier && random.chance(0.3)) flow.push({ key, text: storyTextOf(variantOf(random, earlier.text)), at });
    else flow.push({ key, text: storyTextOf(writeNewsItem(random, random.chance(0.5) ? 0.1 : 0.6)), at });
  }
  return flow;
}

function runPooled(flow: readonly FlowItem[]): { [name: string]: Answer[] } {
  const recogniser = createStoryRecogniser();
  const restart = Math.floor(flow.length * 0.7);
  const members = new Map<string, StoryMember>();
  const step = (r: StoryRecogniser, item: FlowItem): Answer => {
    const story = item.copyOf === undefined ? undefined : r.storyOf(item.copyOf);
    const recognition = story === undefined ? r.recognise(item, item.at) : r.attach(item, story, item.at);
    members.set(item.key, recognition.member);
    return answerOf(item.key, recognition);
  };
  const answers = flow.map((item) => step(recogniser, item));
  // A restart: a new recogniser filled from the members recorded so far, then the rest of the flow again.
  const restarted = createStoryRecogniser();
  const at = flow[restart]!.at;
  restarted.add([...members.values()].filter((m) => m.at <= flow[restart - 1]!.at), at);
  const afterRestart = flow.slice(restart).map((item) => answerOf(item.key, restarted.recognise({ key: `again-${item.key}`, text: item.text }, item.at)));
  return { pooled: answers, restarted: afterRestart, sizes: [[String(recogniser.size()), String(restarted.size()), 0, null, null]] };
}

function write(file: string): void {
  const record: DecisionRecord = { flows: {}, pairs: {} };
  for (const set of SETS) {
    const items = labelledTimeline(join(REPO_ROOT, 'test/fixtures/stories', set));
    record.flows[`${set} forwards`] = flowOf(items);
    record.flows[`${set} backwards`] = flowOf(reversedTimeline(items));
    record.pairs[set] = pairsOf(items.map(storyTextOf));
  }
  const flow = pooledFlow();
  Object.assign(record.flows, runPooled(flow));
  const random = createRandom(77);
  record.pairs.pooled = pairsOf(Array.from({ length: PAIR_SAMPLE }, () => random.pick(flow).text));
  writeFileSync(file, JSON.stringify(record));
  const joined = record.flows.pooled!.filter((a) => a[2] === 1).length;
  const same = record.pairs.pooled!.filter((v) => v[0] === 1).length;
  console.log(`wrote ${file}: pooled flow ${record.flows.pooled!.length} items, ${joined} joined; pooled pairs ${record.pairs.pooled!.length}, ${same} same`);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= SCORE_TOLERANCE;
  return a === b;
}

function compare(oldFile: string, newFile: string): void {
  const [a, b] = [oldFile, newFile].map((f) => JSON.parse(readFileSync(f, 'utf8')) as DecisionRecord) as [DecisionRecord, DecisionRecord];
  const differences: string[] = [];
  let checked = 0;
  let maxScoreDiff = 0;
  for (const kind of ['flows', 'pairs'] as const) {
    for (const name of Object.keys(a[kind])) {
      const left = a[kind][name] ?? [];
      const right = b[kind][name] ?? [];
      if (left.length !== right.length) differences.push(`${kind} ${name}: ${left.length} vs ${right.length} entries`);
      left.forEach((entry, i) => {
        checked++;
        const other = right[i] ?? [];
        entry.forEach((value, k) => {
          const o = other[k];
          if (typeof value === 'number' && typeof o === 'number') maxScoreDiff = Math.max(maxScoreDiff, Math.abs(value - o));
        });
        if (entry.some((value, k) => !sameValue(value, other[k]))) differences.push(`${kind} ${name} #${i}: ${JSON.stringify(entry)} vs ${JSON.stringify(other)}`);
      });
    }
  }
  console.log(`compared ${checked} decisions; largest score difference ${maxScoreDiff}`);
  if (differences.length > 0) {
    console.error(`${differences.length} decisions differ, the first:\n${differences.slice(0, 20).join('\n')}`);
    process.exitCode = 1;
  } else console.log('identical decisions');
}

const [mode, first, second] = process.argv.slice(2);
if (mode === 'write' && first) write(first);
else if (mode === 'compare' && first && second) compare(first, second);
else throw new Error('usage: story-decisions write FILE | compare OLD NEW');
