import type { FoldedText } from './normalise-text';

/**
 * Occurrences kept per term in one field (the title, the summary, one category). Highlighting shows a
 * few hundred characters of each, so a handful is all it can use.
 */
export const MAX_HITS_PER_TERM = 8;
/** Occurrences kept per item across terms and fields, so an item's hits stay small whatever the rules. */
export const MAX_HITS_PER_ITEM = 200;

const NONE = -1;

/**
 * The terms found in one item and the occurrences kept of each, for a rule set with `termCount` terms.
 * One is made per rule set and reused for every item (matching is synchronous): marks stamped with the
 * item's pass number stand for "found", and occurrences live in typed arrays as one linked list per term,
 * so matching an item allocates nothing until a rule fires.
 */
export interface FoundTerms {
  /** Forgets the previous item. */
  startItem(): void;
  /** The field that following hits are in: `code` its field's position (title 0, summary 1, categories 2). */
  startField(code: number, index: number, folded: FoldedText, textLength: number): void;
  /** A term found at folded units [start, end) of the current field; a HitCallback. */
  readonly record: (termId: number, start: number, end: number) => void;
  has(termId: number): boolean;
  /** How many distinct terms were found, and the i-th of them (in the order first found). */
  count(): number;
  termAt(i: number): number;
  /** The first kept occurrence of a found term, then each next one, in the order found; -1 after the last. */
  firstOccurrence(termId: number): number;
  nextOccurrence(at: number): number;
  /** Field code, category index and original UTF-16 range of a kept occurrence. */
  readonly occurrenceField: Uint8Array;
  readonly occurrenceIndex: Int32Array;
  readonly occurrenceStart: Int32Array;
  readonly occurrenceEnd: Int32Array;
}

export function createFoundTerms(termCount: number): FoundTerms {
  const foundPass = new Int32Array(termCount); // === pass: found in this item
  const fieldPass = new Int32Array(termCount); // === fieldSerial: found in this field
  const keptInField = new Int32Array(termCount);
  const head = new Int32Array(termCount);
  const tail = new Int32Array(termCount);
  const foundIds = new Int32Array(termCount);
  const next = new Int32Array(MAX_HITS_PER_ITEM);
  const occurrenceField = new Uint8Array(MAX_HITS_PER_ITEM);
  const occurrenceIndex = new Int32Array(MAX_HITS_PER_ITEM);
  const occurrenceStart = new Int32Array(MAX_HITS_PER_ITEM);
  const occurrenceEnd = new Int32Array(MAX_HITS_PER_ITEM);
  let pass = 0;
  let fieldSerial = 0;
  let foundCount = 0;
  let kept = 0;
  let field = 0;
  let index = 0;
  let starts: Int32Array = new Int32Array(0);
  let ends: Int32Array = new Int32Array(0);
  let textLength = 0;

  /** The next mark for `marks`, starting them afresh when the counter wraps after 2^32 uses. */
  const nextMark = (mark: number, marks: Int32Array): number => {
    const bumped = (mark + 1) | 0;
    if (bumped !== 0) return bumped;
    marks.fill(0);
    return 1;
  };

  const record = (id: number, start: number, end: number): void => {
    if (foundPass[id] !== pass) {
      foundPass[id] = pass;
      foundIds[foundCount++] = id;
      head[id] = NONE;
    }
    if (fieldPass[id] !== fieldSerial) {
      fieldPass[id] = fieldSerial;
      keptInField[id] = 0;
    }
    // Every term found is recorded (rules are evaluated on it), but only a few occurrences are kept:
    // overlapping terms over a run of punctuation would otherwise make millions of hits.
    if (kept >= MAX_HITS_PER_ITEM || (keptInField[id] ?? 0) >= MAX_HITS_PER_TERM) return;
    keptInField[id] = (keptInField[id] ?? 0) + 1;
    const at = kept++;
    occurrenceField[at] = field;
    occurrenceIndex[at] = index;
    occurrenceStart[at] = starts[start] ?? 0;
    occurrenceEnd[at] = ends[end - 1] ?? textLength;
    next[at] = NONE;
    if (head[id] === NONE) head[id] = at;
    else next[tail[id] ?? 0] = at;
    tail[id] = at;
  };

  return {
    startItem() {
      pass = nextMark(pass, foundPass);
      foundCount = 0;
      kept = 0;
    },
    startField(code, categoryIndex, folded, length) {
      fieldSerial = nextMark(fieldSerial, fieldPass);
      field = code;
      index = categoryIndex;
      starts = folded.starts;
      ends = folded.ends;
      textLength = length;
    },
    record,
    has: (id) => foundPass[id] === pass,
    count: () => foundCount,
    termAt: (i) => foundIds[i] ?? 0,
    firstOccurrence: (id) => head[id] ?? NONE,
    nextOccurrence: (at) => next[at] ?? NONE,
    occurrenceField,
    occurrenceIndex,
    occurrenceStart,
    occurrenceEnd,
  };
}
