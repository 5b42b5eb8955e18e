import { DECISIVE_EVENTS, EVENT_WORDS, OPPOSITE_EVENTS, STRONG_EVENTS } from './story-lexicon';

/**
 * Event classes (up, down, restrict, mou, final…) as bits of one number: a member's events cost nothing
 * beside its other fields, where a Set of them cost ~200 bytes for each of the 10,000 members kept.
 */
export type EventClasses = number;

/** The classes story-signature.ts gives besides the lexicon's own (see eventsOf there). */
const DERIVED_CLASSES = ['up', 'down', 'flat', 'relax', 'fund', 'cancel', 'appoint', 'restrict'];
const CLASS_NAMES = [...new Set([...Object.keys(EVENT_WORDS), ...DERIVED_CLASSES, ...STRONG_EVENTS, ...DECISIVE_EVENTS, ...OPPOSITE_EVENTS.flat()])];
// Bit operators work on 32-bit integers; 31 keeps every mask a small integer.
if (CLASS_NAMES.length > 31) throw new Error(`event classes need ${CLASS_NAMES.length} bits, at most 31 fit: keep them as a Set again`);
const BITS = new Map(CLASS_NAMES.map((name, i) => [name, 1 << i]));

/** The bit of one class (a class the lexicon does not know is a programming error, caught by the tests). */
export function eventBit(name: string): EventClasses {
  const bit = BITS.get(name);
  if (bit === undefined) throw new Error(`unknown event class "${name}"`);
  return bit;
}

export function eventsOfNames(names: Iterable<string>): EventClasses {
  let bits = 0;
  for (const name of names) bits |= eventBit(name);
  return bits;
}
