import { MAX_HITS_PER_ITEM, type RuleMatch, type TermHit, type TextField } from './compile-rule-set';

const FIELD_ORDER: Record<TextField, number> = { title: 0, summary: 1, categories: 2 };

/**
 * The hits of several rules that fired on one item, as one list for highlighting: each position once
 * (rules that share a term report the same occurrence), in text order, at most MAX_HITS_PER_ITEM. Each
 * rule's hits are bounded already; this keeps an alert for a hundred matching rules as small as for one.
 */
export function mergeHits(matches: readonly RuleMatch[]): TermHit[] {
  const byPosition = new Map<string, TermHit>();
  for (const match of matches) {
    for (const hit of match.hits) {
      const key = `${hit.field}:${hit.index}:${hit.start}:${hit.end}`;
      if (!byPosition.has(key)) byPosition.set(key, hit);
    }
  }
  return [...byPosition.values()]
    .sort((a, b) => FIELD_ORDER[a.field] - FIELD_ORDER[b.field] || a.index - b.index || a.start - b.start || a.end - b.end)
    .slice(0, MAX_HITS_PER_ITEM);
}
