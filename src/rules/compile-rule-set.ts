import { UserError } from '../shared/errors';
import { createTermScanner, type ScanPattern, type TermScanner } from './create-term-scanner';
import { createFoldedText, foldText, type FoldedText } from './normalise-text';
import { compileExpression, evaluateExpression, positiveTermIds, triggerTermIds, type CompiledExpr } from './compile-expression';
import { parseExpression, type Term } from './parse-expression';
import type { Rule } from './rule';
import { termPatterns } from './term-patterns';

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

/** A rule whose expression is invalid. The message is written for the rule's author. */
export class RuleCompileError extends UserError {
  readonly kind = 'rule-compile';
  constructor(
    readonly ruleId: string,
    readonly column: number,
    reason: string,
  ) {
    super(`rule ${ruleId}: ${reason}`);
  }
}

interface CompiledRule {
  rule: Rule;
  expr: CompiledExpr;
  /** Distinct term ids in rule order, with this rule's spelling of each. */
  termIds: number[];
  termTexts: string[];
}

interface Occurrence {
  field: TextField;
  index: number;
  start: number;
  end: number;
}

type FoundTerms = Map<number, Occurrence[]>;

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

function compileRule(rule: Rule, idOf: (term: Term) => number): CompiledRule {
  const parsed = parseExpression(rule.expression);
  if (!parsed.ok) throw new RuleCompileError(rule.id, parsed.error.column, parsed.error.message);
  return {
    rule,
    expr: compileExpression(parsed.expr, idOf),
    termIds: parsed.terms.map(idOf),
    termTexts: parsed.terms.map((term) => term.text),
  };
}

interface ScanContext {
  scanner: TermScanner;
  /** Reused for every field of every item: match() is synchronous and hits are mapped before the next field. */
  buffer: FoldedText;
  found: FoundTerms;
  /** Occurrences kept so far for this item, across fields (see MAX_HITS_PER_ITEM). */
  hitsKept: number;
}

/**
 * Occurrences kept per term in one field (the title, the summary, one category). Highlighting shows a
 * few hundred characters of each, so a handful is all it can use.
 */
export const MAX_HITS_PER_TERM = 8;
/** Occurrences kept per item across terms and fields, so an item's hits stay small whatever the rules. */
export const MAX_HITS_PER_ITEM = 200;

function scanField(context: ScanContext, text: string, field: TextField, index: number): void {
  if (text === '') return;
  const { scanner, buffer, found } = context;
  const { codes, starts, ends, length } = foldText(text, buffer);
  const keptBefore = new Map<number, number>(); // per term: occurrences kept from earlier fields
  scanner.scan(codes, length, (id, start, end) => {
    let list = found.get(id);
    if (!list) found.set(id, (list = []));
    // Every term found is recorded (rules are evaluated on it), but only a few occurrences are kept:
    // overlapping terms over a run of punctuation would otherwise make millions of hits.
    if (!keptBefore.has(id)) keptBefore.set(id, list.length);
    if (context.hitsKept >= MAX_HITS_PER_ITEM || list.length - (keptBefore.get(id) ?? 0) >= MAX_HITS_PER_TERM) return;
    list.push({ field, index, start: starts[start] ?? 0, end: ends[end - 1] ?? text.length });
    context.hitsKept++;
  });
}

function toRuleMatch(compiled: CompiledRule, found: FoundTerms): RuleMatch {
  const terms: string[] = [];
  const hits: TermHit[] = [];
  compiled.termIds.forEach((id, i) => {
    const occurrences = found.get(id);
    const term = compiled.termTexts[i] ?? '';
    if (!occurrences) return;
    terms.push(term);
    for (const o of occurrences) hits.push({ term, field: o.field, index: o.index, start: o.start, end: o.end });
  });
  const fieldOrder: Record<TextField, number> = { title: 0, summary: 1, categories: 2 };
  hits.sort((a, b) => fieldOrder[a.field] - fieldOrder[b.field] || a.index - b.index || a.start - b.start || a.end - b.end);
  return { ruleId: compiled.rule.id, topicId: compiled.rule.topicId, terms, hits };
}

/**
 * For each term, the rules to evaluate when it is found. A rule is filed under its trigger terms, the
 * fewest and least used terms that must appear for it to fire, so a word that many rules mention only
 * as an alternative ("lithium" in `X AND (lithium OR nickel)`) does not make all of them candidates.
 * How many rules mention a term stands in for how common it is in text.
 */
function indexRulesByTerm(compiled: readonly CompiledRule[], termCount: number): number[][] {
  const mentions = new Int32Array(termCount);
  for (const rule of compiled) for (const id of rule.termIds) mentions[id] = (mentions[id] ?? 0) + 1;
  const cost = (id: number) => 1 + (mentions[id] ?? 0);
  const rulesByTerm: number[][] = Array.from({ length: termCount }, () => []);
  compiled.forEach((rule, ruleIndex) => {
    const triggers = triggerTermIds(rule.expr, cost) ?? positiveTermIds(rule.expr);
    for (const id of triggers) rulesByTerm[id]?.push(ruleIndex);
  });
  return rulesByTerm;
}

/**
 * Compiles every rule into one scanner over all their distinct terms, and indexes the rules by the
 * terms that must appear for them to fire (see indexRulesByTerm), so an item costs one scan plus the
 * evaluation of only the rules whose trigger terms it contains. Throws RuleCompileError for the first
 * invalid rule.
 */
export function compileRuleSet(rules: readonly Rule[]): CompiledRuleSet {
  const table = createTermTable();
  const compiled = rules.map((rule) => compileRule(rule, table.idOf));
  const rulesByTerm = indexRulesByTerm(compiled, table.terms.length);
  const patterns: ScanPattern[] = table.terms.flatMap((term, termId) =>
    termPatterns(term).map((text) => ({ termId, text, prefix: term.prefix })),
  );
  const scanner = createTermScanner(patterns);
  const buffer = createFoldedText();
  // lastSeen[rule] === pass marks a rule already collected in this match() call, without a Set per item.
  const lastSeen = new Int32Array(rules.length);
  let pass = 0;

  /** The rules that have a trigger term among those found, in the order they were given. */
  function candidateRules(found: FoundTerms): Int32Array {
    pass = (pass + 1) | 0;
    if (pass === 0) {
      lastSeen.fill(0); // wrapped after 2^32 calls: start the marks afresh
      pass = 1;
    }
    const candidates: number[] = [];
    for (const id of found.keys()) {
      for (const ruleIndex of rulesByTerm[id] ?? []) {
        if (lastSeen[ruleIndex] === pass) continue;
        lastSeen[ruleIndex] = pass;
        candidates.push(ruleIndex);
      }
    }
    return Int32Array.from(candidates).sort();
  }

  function match(text: MatchableText): RuleMatch[] {
    const found: FoundTerms = new Map();
    const context: ScanContext = { scanner, buffer, found, hitsKept: 0 };
    scanField(context, text.title, 'title', 0);
    scanField(context, text.summary, 'summary', 0);
    text.categories.forEach((category, index) => scanField(context, category, 'categories', index));
    if (found.size === 0) return [];
    const matches: RuleMatch[] = [];
    for (const ruleIndex of candidateRules(found)) {
      const rule = compiled[ruleIndex];
      if (rule && evaluateExpression(rule.expr, found)) matches.push(toRuleMatch(rule, found));
    }
    return matches;
  }

  return { size: rules.length, termCount: table.terms.length, match };
}
