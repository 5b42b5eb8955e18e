/** A keyword rule as configured: when its expression matches an item, the item belongs to its topic. */
export interface Rule {
  id: string;
  topicId: string;
  /** In the rule language, e.g. `Lynas AND (Japan OR JOGMEC)`; see parseExpression. */
  expression: string;
  /** Set for rules added from one Discord server; routing uses it, matching ignores it. */
  guildId?: string;
}
