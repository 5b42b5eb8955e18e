import { createFoundTerms, MAX_HITS_PER_ITEM, MAX_HITS_PER_TERM, type FoundTerms } from './create-found-terms';
import { createTermScanner, type TermScanner } from './create-term-scanner';
import { createFoldedText, foldText, type FoldedText } from './normalise-text';
import { evaluateAt, positiveTermIds, triggerTermIds } from './compile-expression';
import { compileRules, RuleCompileError, type CompiledRules } from './compile-rules';
import type { Term } from './parse-expression';
import type { Rule } from './rule';

export { MAX_HITS_PER_ITEM, MAX_HITS_PER_TERM, RuleCompileError };

/** The parts of an item that rules look at. */
export interface MatchableText {
  title: string;
  summary: string;
  categories: string[];
}

export type TextField = 'title' | 'summary' | 'categories';

/** Where a term was found, for highlighting. */
export interface TermHit {
  /** Term.text of the rule's term. */
  term: string;
  field: TextField;
  /** Category index when field is 'categories', else 0. */
  index: number;
  /** UTF-16 offsets into the original (un-normalised) field string. */
  start: number;
  end: number;
}

/** A rule that fired on an item. */
export interface RuleMatch {
  ruleId: string;
  topicId: string;
  /** Distinct Term.text of the rule's terms that were found, in rule order. */
  terms: string[];
  /**
   * Occurrences of those terms, by field, category index and position: the first MAX_HITS_PER_TERM of
   * each term in each field, at most MAX_HITS_PER_ITEM in all.
   */
  hits: TermHit[];
}

/** All rules, compiled once; `match` scans an item's text once for every term of every rule. */
export interface CompiledRuleSet {
  readonly size: number;
  /** Distinct terms across all rules (two rules writing "rare-earth" and "Rare Earth" share one). */
  readonly termCount: number;
  /** The rules that fire, in the order they were given. */
  match(text: MatchableText): RuleMatch[];
}

/** Distinct terms of a rule set, each given a small id on first sight (shared with the matching benchmark). */
export function createTermTable() {
  const ids = new Map<string, number>();
  const terms: Term[] = [];
  const idOf = (term: Term): number => {
    let id = ids.get(term.key);
    if (id === undefined) {
      id = terms.length;
      ids.set(term.key, id);
      terms.push(term);
    }
    return id;
  };
  return { terms, idOf };
}

/** Field codes of FoundTerms, in the order hits are sorted. */
const FIELDS: readonly TextField[] = ['title', 'summary', 'categories'];
const FIELD_ORDER: Record<TextField, number> = { title: 0, summary: 1, categories: 2 };

interface ScanContext {
  scanner: TermScanner;
  /** Reused for every field of every item: match() is synchronous and hits are mapped before the next field. */
  buffer: FoldedText;
  found: FoundTerms;
}

function scanField({ scanner, buffer, found }: ScanContext, text: string, field: number, index: number): void {
  if (text === '') return;
  const folded = foldText(text, buffer);
  found.startField(field, index, folded, text.length);
  scanner.scan(folded, found.record);
}

function toRuleMatch(compiled: CompiledRules, ruleIndex: number, found: FoundTerms): RuleMatch {
  const terms: string[] = [];
  const hits: TermHit[] = [];
  const { termStart, termIds, termTexts } = compiled;
  for (let k = termStart[ruleIndex] as number; k < (termStart[ruleIndex + 1] as number); k++) {
    const id = termIds[k] as number;
    if (!found.has(id)) continue;
    const term = termTexts[k] ?? '';
    terms.push(term);
    for (let at = found.firstOccurrence(id); at >= 0; at = found.nextOccurrence(at)) {
      const field = FIELDS[found.occurrenceField[at] ?? 0] ?? 'title';
      hits.push({ term, field, index: found.occurrenceIndex[at] ?? 0, start: found.occurrenceStart[at] ?? 0, end: found.occurrenceEnd[at] ?? 0 });
    }
  }
  hits.sort((a, b) => FIELD_ORDER[a.field] - FIELD_ORDER[b.field] || a.index - b.index || a.start - b.start || a.end - b.end);
  const rule = compiled.rules[ruleIndex] as Rule;
  return { ruleId: rule.id, topicId: rule.topicId, terms, hits };
}

/** Term t's rules are ruleIndexes[offsets[t] .. offsets[t + 1]): two typed arrays rather than an array per term. */
interface RuleIndex {
  offsets: Int32Array;
  ruleIndexes: Int32Array;
}

/**
 * For each term, the rules to evaluate when it is found. A rule is filed under its trigger terms, the
 * fewest and least used terms that must appear for it to fire, so a word that many rules mention only
 * as an alternative ("lithium" in `X AND (lithium OR nickel)`) does not make all of them candidates.
 * How many rules mention a term stands in for how common it is in text.
 */
function indexRulesByTerm(compiled: CompiledRules, termCount: number): RuleIndex {
  const { program, exprAt, termIds } = compiled;
  const mentions = new Int32Array(termCount);
  for (const id of termIds) mentions[id] = (mentions[id] ?? 0) + 1;
  const cost = (id: number) => 1 + (mentions[id] ?? 0);
  const pairTerms: number[] = [];
  const pairRules: number[] = [];
  exprAt.forEach((at, ruleIndex) => {
    const expr = { code: program, at };
    for (const id of triggerTermIds(expr, cost) ?? positiveTermIds(expr)) {
      pairTerms.push(id);
      pairRules.push(ruleIndex);
    }
  });
  // A counting sort by term keeps each term's rules in rule order.
  const offsets = new Int32Array(termCount + 1);
  for (const id of pairTerms) offsets[id + 1] = (offsets[id + 1] ?? 0) + 1;
  for (let id = 0; id < termCount; id++) offsets[id + 1] = (offsets[id + 1] ?? 0) + (offsets[id] ?? 0);
  const next = offsets.slice(0, termCount);
  const ruleIndexes = new Int32Array(pairTerms.length);
  pairTerms.forEach((id, k) => {
    const at = next[id] ?? 0;
    ruleIndexes[at] = pairRules[k] ?? 0;
    next[id] = at + 1;
  });
  return { offsets, ruleIndexes };
}

/**
 * Compiles every rule into one scanner over all their distinct terms, and indexes the rules by the
 * terms that must appear for them to fire (see indexRulesByTerm), so an item costs one scan plus the
 * evaluation of only the rules whose trigger terms it contains. Throws RuleCompileError for the first
 * invalid rule.
 */
export function compileRuleSet(rules: readonly Rule[]): CompiledRuleSet {
  const table = createTermTable();
  const compiled = compileRules(rules, table.idOf);
  const rulesByTerm = indexRulesByTerm(compiled, table.terms.length);
  const scanner = createTermScanner(table.terms);
  const context: ScanContext = { scanner, buffer: createFoldedText(), found: createFoundTerms(table.terms.length) };
  // lastSeen[rule] === pass marks a rule already collected in this match() call, without a Set per item.
  const lastSeen = new Int32Array(rules.length);
  const candidates = new Int32Array(rules.length);
  let pass = 0;

  /** The rules that have a trigger term among those found, in the order they were given. */
  function candidateRules(found: FoundTerms): Int32Array {
    pass = (pass + 1) | 0;
    if (pass === 0) {
      lastSeen.fill(0); // wrapped after 2^32 calls: start the marks afresh
      pass = 1;
    }
    let count = 0;
    const { offsets, ruleIndexes } = rulesByTerm;
    for (let k = 0; k < found.count(); k++) {
      const id = found.termAt(k);
      for (let at = offsets[id] ?? 0; at < (offsets[id + 1] ?? 0); at++) {
        const ruleIndex = ruleIndexes[at] ?? 0;
        if (lastSeen[ruleIndex] === pass) continue;
        lastSeen[ruleIndex] = pass;
        candidates[count++] = ruleIndex;
      }
    }
    return candidates.subarray(0, count).sort();
  }

  function match(text: MatchableText): RuleMatch[] {
    const { found } = context;
    found.startItem();
    scanField(context, text.title, 0, 0);
    scanField(context, text.summary, 1, 0);
    text.categories.forEach((category, index) => scanField(context, category, 2, index));
    if (found.count() === 0) return [];
    const matches: RuleMatch[] = [];
    const { program, exprAt } = compiled;
    for (const ruleIndex of candidateRules(found)) {
      if (evaluateAt(program, exprAt[ruleIndex] as number, found)) matches.push(toRuleMatch(compiled, ruleIndex, found));
    }
    return matches;
  }

  return { size: rules.length, termCount: table.terms.length, match };
}
