import type { MatchableText } from '../../src/rules/compile-rule-set';

/** One way of matching a rule set: returns the indexes (or ids) of the rules that fire on an item. */
export interface ItemMatcher {
  readonly name: string;
  match(item: MatchableText): readonly (number | string)[];
}
