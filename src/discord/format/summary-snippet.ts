import type { TermHit } from '../../rules/compile-rule-set';
import { cleanFeedText } from './clean-feed-text';
import { ELLIPSIS } from './discord-limits';
import { fitMarkedText } from './fit-marked-text';
import { sliceMarkedText } from './marked-text';

/** Clean summary characters shown: a few lines, enough to judge the story. */
export const SNIPPET_TEXT_CHARS = 350;
/** Rendered limit: escapes and `**` markers on top of the text. */
export const SNIPPET_MAX_CHARS = 600;
/** Context kept before the first match when the snippet has to start later in the summary. */
const LEAD_CHARS = 80;

/**
 * The start of the summary (or, when the first match lies beyond it, a window opening shortly
 * before that match, marked with a leading "…"), escaped, matched terms in bold, cut at a word.
 */
export function summarySnippet(summary: string, hits: readonly TermHit[]): string {
  const spans = hits.filter((hit) => hit.field === 'summary');
  const marked = cleanFeedText(summary, spans);
  const first = marked.spans[0];
  const start = first && first.end > SNIPPET_TEXT_CHARS - LEAD_CHARS ? windowStart(marked.text, first.start) : 0;
  const options = { escape: true, emphasis: true, maxTextChars: SNIPPET_TEXT_CHARS } as const;
  if (start === 0) return fitMarkedText(marked, { ...options, maxChars: SNIPPET_MAX_CHARS });
  const rest = fitMarkedText(sliceMarkedText(marked, start), { ...options, maxChars: SNIPPET_MAX_CHARS - ELLIPSIS.length });
  return ELLIPSIS + rest;
}

/** A word boundary about LEAD_CHARS before the match, so the window does not open mid-word. */
function windowStart(text: string, matchStart: number): number {
  const from = matchStart - LEAD_CHARS;
  if (from <= 0) return 0;
  const space = text.indexOf(' ', from);
  if (space !== -1 && space < matchStart) return space + 1;
  const code = text.charCodeAt(from);
  return code >= 0xdc00 && code <= 0xdfff ? from - 1 : from;
}
