import { contradicts, disagree, isSameFigure } from './story-amounts';
import { PART, type Part, type StorySignature } from './compact-signature';
import { eventBit, eventsOfNames, type EventClasses } from './event-classes';
import { wordHash } from './hashed-words';
import { DECISIVE_EVENTS, OPPOSITE_EVENTS, STRONG_EVENTS } from './story-lexicon';

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
  if (a.sharedWeight(b, false) < MIN_SHARED_WEIGHT) return { same: false, conflict: 'too-different' };
  const score = agreement(a, b);
  return score >= SAME_STORY_SCORE ? { same: true, score } : { same: false, score, conflict: 'too-different' };
}

function conflictOf(a: StorySignature, b: StorySignature): StoryConflict | undefined {
  if (substituted(a, PART.titleNames, mentions(b), b, PART.titleNames, mentions(a)) || mostlyAbsent(a, mentions(b)) || mostlyAbsent(b, mentions(a))) return 'names';
  if (disjoint(a, b, PART.titleElements) || disjoint(a, b, PART.titleElements, RARE_EARTH)) return 'elements';
  if (substituted(a, PART.titleElements, elementOf(b), b, PART.titleElements, elementOf(a))) return 'elements';
  if (elementSwapped(a, b) || elementSwapped(b, a)) return 'elements';
  // Anywhere in the items: each names a specific element the other never mentions (terbium vs NdPr metal,
  // under two headlines that say only "rare earth").
  if (substituted(a, PART.elements, specificElementOf(b), b, PART.elements, specificElementOf(a))) return 'elements';
  if (contradicts(a.titleAmounts, b.amounts) || contradicts(b.titleAmounts, a.amounts)) return 'amounts';
  // Rewrites repeat a story's figures; two items that state sums (or shares, or tonnages) and share none differ.
  if (disagree(a.amounts, b.amounts)) return 'amounts';
  if (disjoint(a, b, PART.titleNumbers) || disjoint(a, b, PART.titleYears) || disjoint(a, b, PART.titleOrdinals)) return 'numbers';
  if (eventsContradict(a, b)) return 'events';
  if (periodsDiffer(a.periods, b.periods)) return 'periods';
  return undefined;
}

const RARE_EARTH = wordHash('rare-earth');
const OPPOSITE_BITS = OPPOSITE_EVENTS.map(([x, y]) => [eventBit(x), eventBit(y)] as const);
const STRONG_BITS = eventsOfNames(STRONG_EVENTS);
const DECISIVE_BITS = eventsOfNames(DECISIVE_EVENTS);
const DIVEST = eventBit('divest');
const ACQUIRE = eventBit('acquire');

/**
 * (A sale told as the buyer's purchase, "Hastings sells stake to Wyloo" / "Wyloo buys stake", is one deal:
 * the other's headline buying stands for the sale; a different price or asset is caught above.)
 *
 * Headlines whose events oppose (up vs down, curbs vs lifted, MoU vs final deal), that name different kinds
 * of event (a loan vs a plant opening, a resource vs a study), or where one tells of a delay, sale or seizure
 * the other never mentions.
 */
function eventsContradict(a: StorySignature, b: StorySignature): boolean {
  if (OPPOSITE_BITS.some(([x, y]) => (a.events & x && b.events & y) || (a.events & y && b.events & x))) return true;
  // "Cobalt prices jump after Congo extends ban" is news beside "Congo extends ban": a headline that moves
  // prices, shares or a quota one way, where the other item never says so, reports a move of its own.
  // Only for things that move: "boosts ties", "teams up" are no price move (a blanket rule split rewrites).
  if ((a.moves & ~b.textEvents) !== 0 || (b.moves & ~a.textEvents) !== 0) return true;
  // Headlines of different kinds of event, unless the other item names that event somewhere (an FID
  // "clears construction"; a placement "raises" money).
  const strongA = withCounterparts(a.events & STRONG_BITS);
  const strongB = withCounterparts(b.events & STRONG_BITS);
  if (strongA !== 0 && strongB !== 0 && (strongA & strongB) === 0 && (strongA & withCounterparts(b.textEvents)) === 0 && (strongB & withCounterparts(a.textEvents)) === 0) return true;
  return unmentioned(a, b) || unmentioned(b, a);
}

/** A delay, sale, seizure… in the headline of `x` that `y` never mentions (a sale `y` tells as its purchase aside). */
function unmentioned(x: StorySignature, y: StorySignature): boolean {
  let missing = x.events & DECISIVE_BITS & ~y.textEvents;
  if (y.events & ACQUIRE) missing &= ~DIVEST;
  return missing !== 0;
}

/** A sale is the buyer's purchase: "Hastings sells stake to Wyloo" and "Wyloo buys stake" tell one deal. */
function withCounterparts(events: EventClasses): EventClasses {
  return events & DIVEST ? events | ACQUIRE : events;
}

/**
 * The headline of `x` names an element `y` never mentions, and `y` names an element `x` never mentions:
 * terbium metal vs NdPr metal, graphite anodes vs rare-earth magnets (a family `x`'s elements are not in).
 */
function elementSwapped(x: StorySignature, y: StorySignature): boolean {
  if (!x.some(PART.titleElements, (e) => !y.has(PART.elements, e))) return false;
  return y.some(PART.elements, (e) => !x.has(PART.elements, e));
}

/**
 * Both runs have a hash (other than `except`), and they share none but it: no common element, number,
 * year… (`except` is "rare-earth" for the specific elements: dysprosium vs terbium is a conflict).
 */
function disjoint(a: StorySignature, b: StorySignature, part: Part, except?: number): boolean {
  const other = (hash: number) => hash !== except;
  return a.some(part, other) && b.some(part, other) && !a.some(part, (hash) => hash !== except && b.has(part, hash));
}

/** Whether an item has a name, an element, a specific element: what `substituted` looks up in the other item. */
type Lookup = (hash: number) => boolean;

/** Whether the item mentions a name anywhere: as a lexicon entity, or as a word (a proper noun the lexicon lacks). */
function mentions(s: StorySignature): Lookup {
  return (name) => s.has(PART.names, name) || s.hasToken(name);
}

function elementOf(s: StorySignature): Lookup {
  return (element) => s.has(PART.elements, element);
}

/** (A family of elements is no specific element: it counts as mentioned, so only specific ones are substituted.) */
function specificElementOf(s: StorySignature): Lookup {
  return (element) => element === RARE_EARTH || s.has(PART.elements, element);
}

/** Each names something the other item never mentions: one thing was put in place of another. */
function substituted(a: StorySignature, aPart: Part, inB: Lookup, b: StorySignature, bPart: Part, inA: Lookup): boolean {
  return a.some(aPart, (n) => !inB(n)) && b.some(bPart, (n) => !inA(n));
}

/** Most of a headline's names (two or more) appear nowhere in the other item: it is about other parties. */
function mostlyAbsent(s: StorySignature, other: Lookup): boolean {
  let absent = 0;
  for (const name of s.hashesOf(PART.titleNames)) if (!other(name)) absent++;
  return absent >= 2 && absent * 2 >= s.size(PART.titleNames);
}

/** Both speak of a "first half", "second batch"…, of the same kind, and never of the same one. */
function periodsDiffer(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  const kinds = (set: ReadonlySet<string>) => new Set([...set].map((p) => p.split(':')[0]));
  const shared = [...kinds(a)].filter((k) => kinds(b).has(k));
  return shared.some((kind) => ![...a].some((p) => p.startsWith(`${kind}:`) && b.has(p)));
}

/**
 * How much the two agree, 0–1: the headlines' words (overlap, as rewrites shorten and lengthen), the whole
 * texts' words (Jaccard), and the facts both state anywhere (names, elements, figures). Words every
 * rare-earth story uses (see word-weight.ts) count for less.
 */
function agreement(a: StorySignature, b: StorySignature): number {
  const titles = overlap(a, b);
  const texts = Math.min(1, 2 * jaccard(a, b));
  return 0.3 * titles + 0.35 * texts + 0.35 * sharedFacts(a, b);
}

/** Facts both items state, 0–1 (four or more shared facts count fully). */
function sharedFacts(a: StorySignature, b: StorySignature): number {
  let shared = 0;
  // Facts keep the item's order (see PART), so they are matched one by one: an item states a dozen or so.
  for (const fact of a.hashesOf(PART.facts)) if (b.some(PART.facts, (other) => other === fact)) shared++;
  shared += a.amounts.filter((x) => b.amounts.some((y) => isSameFigure(x, y))).length;
  return Math.min(1, shared / FULL_FACTS);
}

function overlap(a: StorySignature, b: StorySignature): number {
  const smaller = Math.min(a.weight(true), b.weight(true));
  return smaller === 0 ? 0 : a.sharedWeight(b, true) / smaller;
}

function jaccard(a: StorySignature, b: StorySignature): number {
  const shared = a.sharedWeight(b, false);
  const union = a.weight(false) + b.weight(false) - shared;
  return union === 0 ? 0 : shared / union;
}
