import { contradicts, disagree, isSameFigure } from './story-amounts';
import { DECISIVE_EVENTS, OPPOSITE_EVENTS, STRONG_EVENTS } from './story-lexicon';
import { wordWeight, type StorySignature } from './story-signature';

/** Why two items are different stories; `too-different` when nothing contradicts but too little agrees. */
export type StoryConflict = 'names' | 'elements' | 'amounts' | 'numbers' | 'events' | 'periods' | 'too-different';

/** A verdict of different stories carries no score when a conflict or too few shared words decided it (not computed). */
export type StoryVerdict = { same: true; score: number } | { same: false; score?: number; conflict: StoryConflict };

/** Agreement needed to call two items one story (see BENCHMARKS.md "Story recognition" for how it was set). */
export const SAME_STORY_SCORE = 0.55;
const FULL_FACTS = 4;
/** Ordinary words two items must share at least (common trade words count a third). */
const MIN_SHARED_WEIGHT = 3;

/**
 * Decides whether two items tell the same news. First every fact that would make them different news
 * (a different company, element, amount, period, or a contradicting event) keeps them apart; then their
 * words and names must agree enough. When unsure, apart: a merged distinct story is a lost alert.
 */
export function compareStories(a: StorySignature, b: StorySignature): StoryVerdict {
  // The checks first: the score is most of a comparison's cost, and most candidates conflict.
  const conflict = conflictOf(a, b);
  if (conflict !== undefined) return { same: false, conflict };
  // "Dysprosium update" twice says too little to be sure it is one story.
  if (sharedWeight(a.words, b.words) < MIN_SHARED_WEIGHT) return { same: false, conflict: 'too-different' };
  const score = agreement(a, b);
  return score >= SAME_STORY_SCORE ? { same: true, score } : { same: false, score, conflict: 'too-different' };
}

function conflictOf(a: StorySignature, b: StorySignature): StoryConflict | undefined {
  const inA = mentions(a);
  const inB = mentions(b);
  if (substituted(a.titleNames, inB, b.titleNames, inA) || mostlyAbsent(a.titleNames, inB) || mostlyAbsent(b.titleNames, inA)) return 'names';
  if (disjoint(a.titleElements, b.titleElements) || disjoint(specific(a.titleElements), specific(b.titleElements))) return 'elements';
  if (substituted(a.titleElements, b.elements, b.titleElements, a.elements)) return 'elements';
  if (elementSwapped(a, b) || elementSwapped(b, a)) return 'elements';
  // Anywhere in the items: each names a specific element the other never mentions (terbium vs NdPr metal,
  // under two headlines that say only "rare earth").
  if (substituted(specific(a.elements), b.elements, specific(b.elements), a.elements)) return 'elements';
  if (contradicts(a.titleAmounts, b.amounts) || contradicts(b.titleAmounts, a.amounts)) return 'amounts';
  // Rewrites repeat a story's figures; two items that state sums (or shares, or tonnages) and share none differ.
  if (disagree(a.amounts, b.amounts)) return 'amounts';
  if (disjoint(a.titleNumbers, b.titleNumbers) || disjoint(a.titleYears, b.titleYears) || disjoint(a.titleOrdinals, b.titleOrdinals)) return 'numbers';
  if (eventsContradict(a, b)) return 'events';
  if (periodsDiffer(a.periods, b.periods)) return 'periods';
  return undefined;
}

/**
 * (A sale told as the buyer's purchase, "Hastings sells stake to Wyloo" / "Wyloo buys stake", is one deal:
 * the other's headline buying stands for the sale; a different price or asset is caught above.)
 *
 * Headlines whose events oppose (up vs down, curbs vs lifted, MoU vs final deal), that name different kinds
 * of event (a loan vs a plant opening, a resource vs a study), or where one tells of a delay, sale or seizure
 * the other never mentions.
 */
function eventsContradict(a: StorySignature, b: StorySignature): boolean {
  if (OPPOSITE_EVENTS.some(([x, y]) => (a.events.has(x) && b.events.has(y)) || (a.events.has(y) && b.events.has(x)))) return true;
  // "Cobalt prices jump after Congo extends ban" is news beside "Congo extends ban": a headline that moves
  // prices, shares or a quota one way, where the other item never says so, reports a move of its own.
  // Only for things that move: "boosts ties", "teams up" are no price move (a blanket rule split rewrites).
  const unmoved = (x: StorySignature, y: StorySignature) => [...x.moves].some((d) => !y.textEvents.has(d));
  if (unmoved(a, b) || unmoved(b, a)) return true;
  // Headlines of different kinds of event, unless the other item names that event somewhere (an FID
  // "clears construction"; a placement "raises" money).
  const strong = (s: StorySignature) => withCounterparts([...s.events].filter((e) => STRONG_EVENTS.has(e)));
  if (disjoint(strong(a), strong(b)) && !intersects(strong(a), withCounterparts(b.textEvents)) && !intersects(strong(b), withCounterparts(a.textEvents))) return true;
  const unmentioned = (x: StorySignature, y: StorySignature) => [...x.events].some((e) => DECISIVE_EVENTS.has(e) && !y.textEvents.has(e) && !(e === 'divest' && y.events.has('acquire')));
  return unmentioned(a, b) || unmentioned(b, a);
}

/** A sale is the buyer's purchase: "Hastings sells stake to Wyloo" and "Wyloo buys stake" tell one deal. */
function withCounterparts(events: Iterable<string>): Set<string> {
  const set = new Set(events);
  if (set.has('divest')) set.add('acquire');
  return set;
}

/** Elements named, without the "rare earths" family they belong to: dysprosium vs terbium is a conflict. */
function specific(elements: ReadonlySet<string>): Set<string> {
  return new Set([...elements].filter((e) => e !== 'rare-earth'));
}

/**
 * The headline of `x` names an element `y` never mentions, and `y` names an element `x` never mentions:
 * terbium metal vs NdPr metal, graphite anodes vs rare-earth magnets (a family `x`'s elements are not in).
 */
function elementSwapped(x: StorySignature, y: StorySignature): boolean {
  if (![...x.titleElements].some((e) => !y.elements.has(e))) return false;
  return [...y.elements].some((e) => !x.elements.has(e));
}

/** Both non-empty, nothing in common. */
function disjoint(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size > 0 && b.size > 0 && !intersects(a, b);
}

/** Whether the item mentions a name anywhere: as a lexicon entity, or as a word (a proper noun the lexicon lacks). */
function mentions(s: StorySignature): Mentions {
  return { has: (name) => s.names.has(name) || s.tokens.has(name) };
}

interface Mentions {
  has(name: string): boolean;
}

/** Each headline names something the other item never mentions: one thing was put in place of another. */
function substituted(aTitle: ReadonlySet<string>, bAll: Mentions, bTitle: ReadonlySet<string>, aAll: Mentions): boolean {
  return [...aTitle].some((n) => !bAll.has(n)) && [...bTitle].some((n) => !aAll.has(n));
}

/** Most of a headline's names (two or more) appear nowhere in the other item: it is about other parties. */
function mostlyAbsent(title: ReadonlySet<string>, other: Mentions): boolean {
  const absent = [...title].filter((n) => !other.has(n)).length;
  return absent >= 2 && absent * 2 >= title.size;
}

/** Both speak of a "first half", "second batch"…, of the same kind, and never of the same one. */
function periodsDiffer(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const kinds = (set: ReadonlySet<string>) => new Set([...set].map((p) => p.split(':')[0]));
  const shared = [...kinds(a)].filter((k) => kinds(b).has(k));
  return shared.some((kind) => ![...a].some((p) => p.startsWith(`${kind}:`) && b.has(p)));
}

/**
 * How much the two agree, 0–1: the headlines' words (overlap, as rewrites shorten and lengthen), the whole
 * texts' words (Jaccard), and the facts both state anywhere (names, elements, figures). Words every
 * rare-earth story uses (see COMMON_WORDS) count for less.
 */
function agreement(a: StorySignature, b: StorySignature): number {
  const titles = overlap(a.titleWords, b.titleWords);
  const texts = Math.min(1, 2 * jaccard(a.words, b.words));
  return 0.3 * titles + 0.35 * texts + 0.35 * sharedFacts(a, b);
}

/** Facts both items state, 0–1 (four or more shared facts count fully). */
function sharedFacts(a: StorySignature, b: StorySignature): number {
  let shared = countShared(a.facts, b.facts);
  shared += a.amounts.filter((x) => b.amounts.some((y) => isSameFigure(x, y))).length;
  return Math.min(1, shared / FULL_FACTS);
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const smaller = Math.min(weightOf(a), weightOf(b));
  return smaller === 0 ? 0 : sharedWeight(a, b) / smaller;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const shared = sharedWeight(a, b);
  const union = weightOf(a) + weightOf(b) - shared;
  return union === 0 ? 0 : shared / union;
}

/** Each signature's sets are summed once: a member is compared with every later item of two days. */
const WEIGHTS = new WeakMap<ReadonlySet<string>, number>();

function weightOf(words: ReadonlySet<string>): number {
  let sum = WEIGHTS.get(words);
  if (sum !== undefined) return sum;
  sum = 0;
  for (const w of words) sum += wordWeight(w);
  WEIGHTS.set(words, sum);
  return sum;
}

function sharedWeight(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let sum = 0;
  for (const w of a) if (b.has(w)) sum += wordWeight(w);
  return sum;
}

function countShared(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}

function intersects(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}
