import { ELLIPSIS } from './discord-limits';
import { sliceMarkedText, type MarkedText } from './marked-text';
import { renderMarkedText, type RenderOptions } from './render-marked-text';

export interface FitOptions extends RenderOptions {
  /** Limit on the rendered result, ellipsis included. */
  maxChars: number;
  /** Limit on the clean text shown, before escaping (keeps snippets short when there is room to spare). */
  maxTextChars?: number;
}

/**
 * Renders `marked` within `maxChars`, cutting with "…" when it is too long. The cut is made in the
 * clean text and the prefix rendered afresh, so it can never split an escape (`\*`), leave `**`
 * unbalanced or halve a surrogate pair; it falls back to the last space when that is in the second half.
 * Lengths are UTF-16 units, never less than Discord's count, so the result is always within limits.
 */
export function fitMarkedText(marked: MarkedText, options: FitOptions): string {
  const { text } = marked;
  const maxText = Math.min(options.maxTextChars ?? Infinity, options.maxChars);
  if (text.length <= maxText) {
    const whole = renderMarkedText(marked, options);
    if (whole.length <= options.maxChars) return whole;
  }
  const budget = options.maxChars - ELLIPSIS.length;
  const renderPrefix = (end: number): string => renderMarkedText(sliceMarkedText(marked, 0, end), options);
  const fits = (end: number): boolean => renderPrefix(end).length <= budget;
  // Rendering never shortens text, so the cut is at most `budget` units in.
  let low = 0;
  let high = Math.min(text.length, budget, maxText);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid - 1;
  }
  let cut = preferWordBoundary(text, low);
  while (cut > 0 && !fits(cut)) cut = safeCut(text, cut - 1);
  return budget < 0 ? '' : renderPrefix(cut) + ELLIPSIS;
}

function preferWordBoundary(text: string, end: number): number {
  const space = text.lastIndexOf(' ', end);
  let cut = space > end / 2 ? space : safeCut(text, end);
  while (cut > 0 && text.charAt(cut - 1) === ' ') cut--;
  return cut;
}

/** Moves a cut off the middle of a surrogate pair. */
function safeCut(text: string, end: number): number {
  const code = text.charCodeAt(end - 1);
  return end > 0 && code >= 0xd800 && code <= 0xdbff ? end - 1 : end;
}
