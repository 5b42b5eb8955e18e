import type { Amount } from './story-amounts';
import { eventsOfNames, type EventClasses } from './event-classes';
import { countShared, holds, sortedHashes, wordHash } from './hashed-words';
import { COMMON_WORD_WEIGHT, wordWeight } from './word-weight';

/** An item's facts as story-signature.ts reads them: sets of words, names, numbers and event classes. */
export interface SignatureSets {
  /** Every token of headline and summary, stopwords included ("New" of "New Hampshire" is a name's part). */
  tokens: ReadonlySet<string>;
  /** Content words of headline and summary together, and of the headline. */
  words: ReadonlySet<string>;
  titleWords: ReadonlySet<string>;
  /** Named things of the headline: lexicon entities, and proper nouns the lexicon does not know. */
  titleNames: ReadonlySet<string>;
  /** Lexicon entities the item names anywhere (with `tokens`, what a headline's names are looked up in). */
  names: ReadonlySet<string>;
  /** Elements and products in the headline / anywhere (NdPr counts as neodymium and praseodymium too). */
  titleElements: ReadonlySet<string>;
  elements: ReadonlySet<string>;
  /** Bare numbers of the headline ("47 projects", "10-year licence"), its years, its "first", "second"… */
  titleNumbers: ReadonlySet<string>;
  titleYears: ReadonlySet<string>;
  titleOrdinals: ReadonlySet<string>;
  /** Names, specific elements and bare numbers stated anywhere (`name:lynas`): what two reports share. */
  facts: ReadonlySet<string>;
  titleAmounts: readonly Amount[];
  amounts: readonly Amount[];
  /** Event classes of the headline / anywhere; directions the headline gives something that moves. */
  events: ReadonlySet<string>;
  textEvents: ReadonlySet<string>;
  moves: ReadonlySet<string>;
  /** "first half", "second batch", "Q3" as `half:1`, `batch:2`, `quarter:3`. */
  periods: ReadonlySet<string>;
}

/**
 * The runs of a signature's hashes, each ascending but `facts` and `lookupWords` (in the order the item
 * states them: the recogniser looks candidates up in that order, and ties keep it) and the amounts. An item's tokens are
 * split into the words of weight 1, the common words and the rest, so that shared words weigh by run.
 */
export const PART = {
  otherTokens: 0,
  words: 1,
  commonWords: 2,
  titleWords: 3,
  titleCommonWords: 4,
  titleNames: 5,
  names: 6,
  titleElements: 7,
  elements: 8,
  titleNumbers: 9,
  titleYears: 10,
  titleOrdinals: 11,
  facts: 12,
  /** `word:<w>` of the headline's uncommon words that are not numbers: with the facts, what it is filed under. */
  lookupWords: 13,
  /** Amounts as triples: value, rounding, kind (its index in KINDS). */
  titleAmounts: 14,
  amounts: 15,
} as const;
export type Part = (typeof PART)[keyof typeof PART];
const PARTS = 16;

/**
 * The kinds of amount met so far (`money:AUD`, `percent`, `mass`…), each kept once: story-amounts.ts
 * builds them from fixed tables of currencies and units, so there are a few dozen at most.
 */
const KINDS: string[] = [];
const KIND_INDEX = new Map<string, number>();

function kindIndex(kind: string): number {
  let index = KIND_INDEX.get(kind);
  if (index === undefined) {
    index = KINDS.push(kind) - 1;
    KIND_INDEX.set(kind, index);
  }
  return index;
}

function packAmounts(amounts: readonly Amount[]): number[] {
  return amounts.flatMap((a) => [a.value, a.rounding, kindIndex(a.kind)]);
}

const NO_AMOUNTS: readonly Amount[] = Object.freeze([]);
const NO_PERIODS: ReadonlySet<string> = new Set();

/**
 * One item's signature as the recogniser keeps it for 48 hours: every set of strings as a run of hashes in
 * one Float64Array (its first PARTS + 1 slots say where each run starts), its amounts as numbers in the same
 * array, events as bits. ~1.3 KB, where the Sets it was read into took ~7 KB (see hashed-words.ts for why
 * hashes are safe).
 */
export class StorySignature {
  private constructor(
    private readonly hashes: Float64Array,
    readonly events: EventClasses,
    readonly textEvents: EventClasses,
    readonly moves: EventClasses,
    readonly periods: ReadonlySet<string>,
  ) {}

  static of(sets: SignatureSets): StorySignature {
    const runs: number[][] = [];
    const words = [...sets.words];
    const titleWords = [...sets.titleWords];
    runs[PART.otherTokens] = sortedHashes([...sets.tokens].filter((t) => !sets.words.has(t)));
    runs[PART.words] = sortedHashes(words.filter((w) => wordWeight(w) === 1));
    runs[PART.commonWords] = sortedHashes(words.filter((w) => wordWeight(w) !== 1));
    runs[PART.titleWords] = sortedHashes(titleWords.filter((w) => wordWeight(w) === 1));
    runs[PART.titleCommonWords] = sortedHashes(titleWords.filter((w) => wordWeight(w) !== 1));
    runs[PART.titleNames] = sortedHashes(sets.titleNames);
    runs[PART.names] = sortedHashes(sets.names);
    runs[PART.titleElements] = sortedHashes(sets.titleElements);
    runs[PART.elements] = sortedHashes(sets.elements);
    runs[PART.titleNumbers] = sortedHashes(sets.titleNumbers);
    runs[PART.titleYears] = sortedHashes(sets.titleYears);
    runs[PART.titleOrdinals] = sortedHashes(sets.titleOrdinals);
    runs[PART.facts] = [...sets.facts].map(wordHash);
    runs[PART.lookupWords] = titleWords.filter((w) => wordWeight(w) === 1 && !/^\d/u.test(w)).map((w) => wordHash(`word:${w}`));
    runs[PART.titleAmounts] = packAmounts(sets.titleAmounts);
    runs[PART.amounts] = packAmounts(sets.amounts);
    const hashes = new Float64Array(PARTS + 1 + runs.reduce((n, run) => n + run.length, 0));
    let at = PARTS + 1;
    runs.forEach((run, part) => {
      hashes[part] = at;
      hashes.set(run, at);
      at += run.length;
    });
    hashes[PARTS] = at;
    return new StorySignature(
      hashes,
      eventsOfNames(sets.events),
      eventsOfNames(sets.textEvents),
      eventsOfNames(sets.moves),
      sets.periods.size === 0 ? NO_PERIODS : sets.periods,
    );
  }

  /**
   * The amounts the headline states, and the whole item (as story-amounts.ts compares them). Made for each
   * comparison from the packed triples: a few small objects then, ~400 bytes less a member all along.
   */
  get titleAmounts(): readonly Amount[] {
    return this.amountsOf(PART.titleAmounts);
  }

  get amounts(): readonly Amount[] {
    return this.amountsOf(PART.amounts);
  }

  private amountsOf(part: Part): readonly Amount[] {
    const from = this.hashes[part]!;
    const to = this.hashes[part + 1]!;
    if (from === to) return NO_AMOUNTS;
    const amounts: Amount[] = [];
    for (let i = from; i < to; i += 3) amounts.push({ value: this.hashes[i]!, rounding: this.hashes[i + 1]!, kind: KINDS[this.hashes[i + 2]!]! });
    return amounts;
  }

  size(part: Part): number {
    return this.hashes[part + 1]! - this.hashes[part]!;
  }

  has(part: Part, hash: number): boolean {
    return holds(this.hashes, this.hashes[part]!, this.hashes[part + 1]!, hash);
  }

  /** Whether the item has the word anywhere: as a token, stopwords included. */
  hasToken(hash: number): boolean {
    return this.has(PART.words, hash) || this.has(PART.commonWords, hash) || this.has(PART.otherTokens, hash);
  }

  /** The hashes of one run, in its order. */
  *hashesOf(part: Part): IterableIterator<number> {
    for (let i = this.hashes[part]!; i < this.hashes[part + 1]!; i++) yield this.hashes[i]!;
  }

  /** Whether some hash of the run passes the test. */
  some(part: Part, test: (hash: number) => boolean): boolean {
    for (let i = this.hashes[part]!; i < this.hashes[part + 1]!; i++) if (test(this.hashes[i]!)) return true;
    return false;
  }

  /** How many hashes of this run the other signature's run holds too (both ascending). */
  shared(part: Part, other: StorySignature, otherPart: Part = part): number {
    return countShared(this.hashes, this.hashes[part]!, this.hashes[part + 1]!, other.hashes, other.hashes[otherPart]!, other.hashes[otherPart + 1]!);
  }

  /** Content words weighed (common words count COMMON_WORD_WEIGHT): of the whole item, or of its headline. */
  weight(title: boolean): number {
    return title ? this.size(PART.titleWords) + COMMON_WORD_WEIGHT * this.size(PART.titleCommonWords) : this.size(PART.words) + COMMON_WORD_WEIGHT * this.size(PART.commonWords);
  }

  /** The weight of the content words both items use, of the whole items or of their headlines. */
  sharedWeight(other: StorySignature, title: boolean): number {
    return title
      ? this.shared(PART.titleWords, other) + COMMON_WORD_WEIGHT * this.shared(PART.titleCommonWords, other)
      : this.shared(PART.words, other) + COMMON_WORD_WEIGHT * this.shared(PART.commonWords, other);
  }
}
