import { StorySignature, type SignatureSets } from './compact-signature';
import { extractAmounts } from './story-amounts';
import { ELEMENT_ALIASES, ELEMENT_PARTS, ENTITY_ALIASES, EVENT_WORDS, REVERSING_VERBS } from './story-lexicon';
import { cleanSummary, cleanTitle, normalizeWord, ownValue, tokenize } from './story-text';

/** What the recogniser reads of an item: its headline and summary. */
export interface StoryText {
  title: string;
  summary: string;
}

const STOPWORDS = new Set(
  tokenize(
    'a an the and or of in on at to for from by with as into onto over under after before amid than then this that these those its it is are was were be been being has have had will would could may might can says said say new plan plans its their his her our more most some such also about up down out not no per a year years week month day first its who which what when where why how rare earth earths element elements mineral minerals oxide company firm project projects deal',
  ).filter((w) => !EVENT_WORD_SET().has(w)),
);
const GENERIC_CAPITALS = new Set(tokenize('Rare Earth Earths Group Corp Resources Materials Metals Minerals Inc Ltd Plc Prime Minister Treasurer President Government National State Act Heavy Light The A An'));
const FUNCTION_WORDS = new Set(['a', 'an', 'the', 'and', 'or', 'but', 'nor', 'of', 'in', 'on', 'at', 'to', 'for', 'from', 'by', 'with', 'as', 'into', 'onto', 'over', 'after', 'amid', 'vs', 'per', 'via', 'up', 'out']);
const ORDINALS: Readonly<Record<string, string>> = { first: '1', second: '2', third: '3', fourth: '4', '1st': '1', '2nd': '2', '3rd': '3', '4th': '4' };
/** What a direction word can move: "shares slump" is news of its own, "boosts ties" or "fires up" is not. */
const MOVABLE = new Set(
  tokenize('price prices share shares stock stocks output production export exports import imports quota quotas sales demand supply resource reserve capacity profit revenue earnings estimate value inventory stockpile rate volume shipments premium'),
);
/** "Raise" is money raised when an amount or money word follows it ("raises $33 million"); else a rise. */
const MONEY_WORDS = new Set(tokenize('capital cash fund funds funding equity money financing million billion'));
/** "Export halt", "suspends exports": a curb on trade, told by other outlets as a ban. */
const TRADE_WORDS = new Set(tokenize('export exports import imports shipment shipments'));
const PERIOD_NOUNS = new Set(['half', 'batch', 'quarter', 'tranche', 'phase', 'round'].map(normalizeWord));
const COMPANY_RESOURCES = /(\p{Lu}[\p{L}'-]+) Resources\b/gu;
const TICKER = /\b(?:ASX|NYSE|NASDAQ|TSXV?|LSE|AIM|OTC|CSE|HKEX|SSE|SZSE)\s?:\s?[A-Z][A-Z0-9.]{0,5}\b/gu;
const CURRENCY_PREFIX = /\b(?:US|A|AU|C|CA|NZ)\$/gu;
const isYear = (n: string) => /^(19|20)\d\d$/u.test(n);
const SHORT_PERIOD = /\b([hq])([1-4])\b/giu;

function EVENT_WORD_SET(): Set<string> {
  return new Set(Object.values(EVENT_WORDS).flat().map(normalizeWord));
}

function eventClasses(): Map<string, string[]> {
  const classes = new Map<string, string[]>();
  for (const [cls, words] of Object.entries(EVENT_WORDS)) for (const w of words.map(normalizeWord)) classes.set(w, [...(classes.get(w) ?? []), cls]);
  return classes;
}

interface Phrase {
  tokens: string[];
  name: string;
}

const ENTITY_PHRASES = phrasesOf(ENTITY_ALIASES);
const ELEMENT_PHRASES = phrasesOf(ELEMENT_ALIASES);
const EVENT_CLASSES = eventClasses();
const RESTRICT_WORDS = new Set((EVENT_WORDS.restrict ?? []).map(normalizeWord));
const STOP_WORDS = new Set((EVENT_WORDS.stop ?? []).map(normalizeWord));
const DIRECTION_CLASSES = ['up', 'down', 'flat'];
const RAISE = normalizeWord('raise');
const NAME = normalizeWord('name');
const LOSE = normalizeWord('lose');
/** After "names", a role makes it an appointment ("names new chief executive"). */
const ROLES = new Set(tokenize('ceo chief executive chair chairman chairwoman director president head successor boss'));
const REVERSING = new Set([...REVERSING_VERBS].map(normalizeWord));

/** Reads the signature of one item. Pure and cheap (tens of microseconds). */
export function signatureOf(text: StoryText): StorySignature {
  return StorySignature.of(readSets(text));
}

function readSets(text: StoryText): SignatureSets {
  // "Meteoric Resources", "Iluka Resources": a company's suffix, not news of a resource.
  const rawTitle = cleanTitle(text.title).replace(COMPANY_RESOURCES, '$1');
  const rawFull = `${rawTitle}. ${cleanSummary(text.summary).replace(COMPANY_RESOURCES, '$1')}`;
  // "US$134.7m" names a currency, not the United States.
  const title = rawTitle.replace(CURRENCY_PREFIX, '$$');
  const full = rawFull.replace(CURRENCY_PREFIX, '$$');
  const titleTokens = tokenize(title);
  const tokens = tokenize(full);
  const words = contentWords(tokens);
  const titleEntities = findPhrases(titleTokens, ENTITY_PHRASES);
  const entities = findPhrases(tokens, ENTITY_PHRASES);
  const titleElements = findPhrases(titleTokens, ELEMENT_PHRASES);
  const elements = findPhrases(tokens, ELEMENT_PHRASES);
  const titleNumbers = bareNumbers(title);
  const known = new Set([...entities.covered, ...elements.covered]);
  const summaryCapitals = capitalisedInSentences(cleanSummary(text.summary).replace(CURRENCY_PREFIX, '$$'), known);
  // A headline word capitalised inside a summary sentence is a name, even in a Title Case headline or as
  // its first word ("Seren Technologies Wins UK Grant": "Seren" and "Technologies" are capitalised there).
  const titleCapitals = [...titleTokens.filter((t) => summaryCapitals.has(t)), ...leadingName(title, cleanSummary(text.summary))].filter(
    (t) => !titleEntities.covered.has(t) && !titleElements.covered.has(t) && !GENERIC_CAPITALS.has(t) && !EVENT_CLASSES.has(t),
  );
  const facts = [
    ...[...entities.names, ...properNouns(full, new Set([...entities.covered, ...elements.covered]))].map((n) => `name:${n}`),
    ...[...elements.names].filter((e) => e !== 'rare-earth').map((e) => `element:${e}`),
    ...[...bareNumbers(full)].map((n) => `number:${n}`),
  ];
  return {
    facts: new Set(facts),
    titleWords: contentWords(titleTokens),
    words,
    titleNames: new Set([...titleEntities.names, ...properNouns(title, new Set([...titleEntities.covered, ...titleElements.covered])), ...titleCapitals]),
    names: entities.names,
    tokens: new Set(tokens),
    titleElements: withParts(titleElements.names),
    elements: withParts(elements.names),
    titleAmounts: extractAmounts(rawTitle),
    amounts: extractAmounts(rawFull),
    titleOrdinals: new Set(titleTokens.flatMap((t) => ownValue(ORDINALS, t) ?? [])),
    titleNumbers: new Set([...titleNumbers].filter((n) => !isYear(n))),
    titleYears: new Set([...titleNumbers].filter(isYear)),
    events: eventsOf(titleTokens, titleEntities.positions),
    textEvents: eventsOf(tokens, entities.positions),
    moves: movesOf(titleTokens, titleEntities.positions),
    periods: periodsOf(tokens, full),
  };
}

function phrasesOf(aliases: Readonly<Record<string, readonly string[]>>): Map<string, Phrase[]> {
  const byFirst = new Map<string, Phrase[]>();
  for (const [name, list] of Object.entries(aliases)) {
    for (const alias of list) {
      const tokens = tokenize(alias);
      const first = tokens[0];
      if (first === undefined) continue;
      byFirst.set(first, [...(byFirst.get(first) ?? []), { tokens, name }].sort((a, b) => b.tokens.length - a.tokens.length));
    }
  }
  return byFirst;
}

/** Longest alias first at each position; returns the names found and the token positions they cover. */
function findPhrases(tokens: readonly string[], phrases: Map<string, Phrase[]>): { names: Set<string>; covered: Set<string>; positions: Set<number> } {
  const names = new Set<string>();
  const covered = new Set<string>();
  const positions = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    const hit = phrases.get(tokens[i] ?? '')?.find((p) => p.tokens.every((t, j) => tokens[i + j] === t));
    if (!hit) continue;
    names.add(hit.name);
    hit.tokens.forEach((t, j) => {
      covered.add(t);
      positions.add(i + j);
    });
    i += hit.tokens.length - 1;
  }
  return { names, covered, positions };
}

function withParts(elements: Set<string>): Set<string> {
  return new Set([...elements, ...[...elements].flatMap((e) => ELEMENT_PARTS[e] ?? [])]);
}

function contentWords(tokens: readonly string[]): Set<string> {
  return new Set(tokens.filter((t) => t.length > 1 && !STOPWORDS.has(t)));
}

/**
 * Capitalised words of a sentence-case headline that the lexicon does not know ("Pangwa", "Sartell"):
 * a place or a company changes the story. A Title Case or upper-case headline capitalises everything,
 * so it yields none (its words still count for the other side's check).
 */
function properNouns(text: string, known: ReadonlySet<string>): Set<string> {
  // "(ASX:MEI)": a ticker decorates a name some outlets give and others do not (the lexicon knows the common ones).
  const title = text.replace(TICKER, ' ');
  const words = title.split(/[\s,;:()"\-–—/]+/u).filter(Boolean);
  // Title Case capitalises every word but the small ones; sentence case leaves some ordinary word lower-case.
  const sentenceCase = words.slice(1).some((w) => /^\p{Ll}/u.test(w) && !FUNCTION_WORDS.has(w));
  if (!sentenceCase) return new Set();
  const found = new Set<string>();
  words.forEach((word, i) => {
    if (i === 0 || !/^\p{Lu}/u.test(word)) return;
    for (const token of tokenize(word)) if (token.length > 1 && !known.has(token) && !GENERIC_CAPITALS.has(token) && !EVENT_CLASSES.has(token)) found.add(token);
  });
  return found;
}

/**
 * Words capitalised inside a sentence (not its first word) that the lexicon does not know: the proper
 * nouns of sentence-case text. Text with no lower-case word of its own (Title Case, capitals) yields none.
 */
function capitalisedInSentences(text: string, known: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  for (const sentence of text.replace(TICKER, ' ').split(/[.!?;:]\s+/u)) {
    const words = sentence.split(/[\s,()"\-–—/]+/u).filter(Boolean);
    if (!words.slice(1).some((w) => /^\p{Ll}/u.test(w) && !FUNCTION_WORDS.has(w))) continue;
    words.forEach((word, i) => {
      if (i === 0 || !/^\p{Lu}/u.test(word)) return;
      for (const token of tokenize(word)) if (token.length > 1 && !/^\d/u.test(token) && !known.has(token) && !GENERIC_CAPITALS.has(token) && !EVENT_CLASSES.has(token)) found.add(token);
    });
  }
  return found;
}

/**
 * The first word of a headline, when headline and summary both open with it followed by another
 * capitalised word ("Seren Technologies …" / "Seren Technologies has won …"): the start of a company's
 * name, which a capital at the start of a sentence alone would not tell.
 */
function leadingName(title: string, summary: string): string[] {
  const words = (text: string) => text.replace(TICKER, ' ').split(/[\s,;:()"\-–—/]+/u).filter(Boolean).slice(0, 2);
  const [first, second] = words(title);
  const [summaryFirst, summarySecond] = words(summary);
  const capital = (w: string | undefined) => w !== undefined && /^\p{Lu}/u.test(w);
  if (!capital(first) || first !== summaryFirst || !capital(second) || !capital(summarySecond)) return [];
  return tokenize(first ?? '').filter((t) => t.length > 1);
}

/** Numbers that are not amounts: counts and years ("47 projects", "2025 quota", "10-year licence"). */
function bareNumbers(title: string): Set<string> {
  const withoutAmounts = title.replace(/(?:[a-z]{0,2}\$|€|£|¥)\s?[\d.,]+\s?(?:[a-z]+)?/giu, ' ').replace(/\d[\d.,]*[\s-]?(?:%|pct|per cent|percent|yuan|tonnes?|tons?|bt\b|mt\b|t\b|kg)/giu, ' ');
  return new Set(tokenize(withoutAmounts).filter((t) => /^\d/u.test(t)));
}

/**
 * Event classes; a curb word after a reversing verb ("lifts ban", "suspends curbs") counts as relax.
 * Words inside a name ("European Commission", "Energy Fuels") are not events.
 */
function eventsOf(tokens: readonly string[], inNames: ReadonlySet<number>): Set<string> {
  const events = new Set<string>();
  const consumed = new Set<number>(inNames);
  tokens.forEach((token, i) => {
    if (!RESTRICT_WORDS.has(token)) return;
    const reverser = [1, 2, 3, 4].map((d) => i - d).find((j) => j >= 0 && REVERSING.has(tokens[j] ?? ''));
    if (reverser === undefined) return;
    events.add('relax');
    consumed.add(i).add(reverser);
  });
  tokens.forEach((token, i) => {
    if (consumed.has(i)) return;
    if (token === RAISE) {
      events.add(raisesMoney(tokens, i) ? 'fund' : 'up');
      return;
    }
    // "Shares lose 5%" is a fall; "loses Army contract" a cancellation.
    if (token === LOSE) {
      events.add(tokens.slice(Math.max(0, i - 3), i + 6).some((t) => MOVABLE.has(t)) ? 'down' : 'cancel');
      return;
    }
    if (token === NAME) {
      if ([1, 2, 3].some((d) => ROLES.has(tokens[i + d] ?? ''))) events.add('appoint');
      return;
    }
    // "Export halt", "suspends cobalt exports": a trade curb, as other outlets say "export ban".
    if (STOP_WORDS.has(token) && [-2, -1, 1, 2, 3].some((d) => TRADE_WORDS.has(tokens[i + d] ?? ''))) {
      events.add('restrict');
      return;
    }
    for (const cls of EVENT_CLASSES.get(token) ?? []) events.add(cls);
  });
  return events;
}

function raisesMoney(tokens: readonly string[], i: number): boolean {
  return [1, 2, 3].some((d) => {
    const next = tokens[i + d] ?? '';
    return MONEY_WORDS.has(next) || (/^\d/u.test(next) && !isYear(next));
  });
}

/**
 * Directions the headline gives a thing that can move (a direction word up to three words before or five
 * after such a thing): "Cobalt prices jump", "cuts 2026 nickel ore quota", "shares slump".
 */
function movesOf(tokens: readonly string[], inNames: ReadonlySet<number>): Set<string> {
  const moves = new Set<string>();
  const events = eventsOf(tokens, inNames);
  tokens.forEach((token, i) => {
    if (inNames.has(i) || !tokens.slice(Math.max(0, i - 3), i + 6).some((t) => MOVABLE.has(t))) return;
    const classes = token === RAISE ? (raisesMoney(tokens, i) ? [] : ['up']) : EVENT_CLASSES.get(token) ?? [];
    for (const cls of classes) if (DIRECTION_CLASSES.includes(cls) && events.has(cls)) moves.add(cls);
  });
  return moves;
}

function periodsOf(tokens: readonly string[], text: string): Set<string> {
  const periods = new Set<string>();
  tokens.forEach((token, i) => {
    const ordinal = ownValue(ORDINALS, token);
    const noun = tokens[i + 1];
    if (ordinal !== undefined && noun !== undefined && PERIOD_NOUNS.has(noun)) periods.add(`${noun}:${ordinal}`);
  });
  for (const m of text.matchAll(SHORT_PERIOD)) periods.add(`${m[1]?.toLowerCase() === 'h' ? 'half' : 'quarter'}:${m[2]}`);
  return periods;
}
