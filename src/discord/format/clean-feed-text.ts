import { classifyChar } from './classify-char';
import { mergeSpans, type MarkedText, type Span } from './marked-text';

const ZERO_WIDTH_SPACE = '\u200B';
/**
 * Mention-like syntax: `<@…>`, `<@&…>`, `<#…>`, `</cmd:…>`, `@everyone`, `@here`. No word boundary after
 * everyone/here: better to break "@hereford" too than to guess how Discord tokenises.
 */
const MENTION_START = /<(?=[@#/])|@(?=everyone|here)/gi;
const URL_PATTERN = /https?:\/\/\S+/gi;

/**
 * Feed text made safe to show: controls and invisible characters removed, lone surrogates replaced,
 * whitespace (newlines included: a snippet has no room for paragraphs) collapsed to single spaces and
 * trimmed, and mention syntax broken with a zero-width space so it cannot even look like a ping.
 * `spans` are UTF-16 ranges of `raw` (the matcher's hits); they come back mapped onto the clean text,
 * merged, and without the ones that fall inside a URL (emphasis would break the link).
 */
export function cleanFeedText(raw: string, spans: readonly Span[] = []): MarkedText {
  const { text: stripped, positions } = stripAndCollapse(raw);
  const inserts = mentionBreakPoints(stripped);
  const text = insertAt(stripped, inserts, ZERO_WIDTH_SPACE);
  const shift = (offset: number): number => offset + countAtOrBefore(inserts, offset);
  const mapped = spans
    .filter((span) => isValidSpan(span, raw.length))
    .map((span) => trimSpan(text, { start: shift(positions[span.start] ?? 0), end: shift(positions[span.end] ?? 0) }))
    .filter((span) => span.start < span.end);
  return { text, spans: withoutUrlSpans(text, mergeSpans(mapped)) };
}

interface Stripped {
  text: string;
  /** positions[i] = offset in `text` of raw offset i (length raw.length + 1). */
  positions: Int32Array;
}

// One pass over UTF-16 units, copying runs of kept characters by slice: feeds can send 100 KB summaries.
function stripAndCollapse(raw: string): Stripped {
  const parts: string[] = [];
  const positions = new Int32Array(raw.length + 1);
  let length = 0;
  let pendingSpace = false;
  let runStart = -1;
  const flush = (end: number): void => {
    if (runStart >= 0) parts.push(raw.slice(runStart, end));
    runStart = -1;
  };
  const spaceBeforeKept = (): void => {
    if (pendingSpace && length > 0) {
      parts.push(' ');
      length += 1;
    }
    pendingSpace = false;
  };
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    const kind = classifyChar(code, raw.charCodeAt(i + 1));
    if (kind === 'keep' || kind === 'pair') {
      if (runStart < 0) {
        spaceBeforeKept();
        runStart = i;
      }
      positions[i] = length;
      length += 1;
      if (kind === 'pair') {
        // An offset between the two halves maps to the pair's start, so emphasis can never split it.
        positions[i + 1] = length - 1;
        length += 1;
        i++;
      }
      continue;
    }
    flush(i);
    positions[i] = length;
    if (kind === 'space') pendingSpace = true;
    if (kind === 'lone-surrogate') {
      spaceBeforeKept();
      positions[i] = length;
      parts.push('\uFFFD');
      length += 1;
    }
  }
  flush(raw.length);
  positions[raw.length] = length;
  return { text: parts.join(''), positions };
}

function mentionBreakPoints(text: string): number[] {
  return Array.from(text.matchAll(MENTION_START), (match) => (match.index ?? 0) + 1);
}

function insertAt(text: string, offsets: readonly number[], insert: string): string {
  if (offsets.length === 0) return text;
  const parts: string[] = [];
  let cursor = 0;
  for (const offset of offsets) {
    parts.push(text.slice(cursor, offset), insert);
    cursor = offset;
  }
  parts.push(text.slice(cursor));
  return parts.join('');
}

/** How many of the sorted offsets are <= offset (binary search: a feed can carry thousands of "@here"). */
function countAtOrBefore(sorted: readonly number[], offset: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((sorted[mid] ?? 0) <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

function isValidSpan(span: Span, length: number): boolean {
  return Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start < span.end && span.end <= length;
}

function trimSpan(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && isTrimmable(text.charAt(start))) start++;
  while (end > start && isTrimmable(text.charAt(end - 1))) end--;
  return { start, end };
}

function isTrimmable(char: string): boolean {
  return char === ' ' || char === ZERO_WIDTH_SPACE;
}

/** Both lists are sorted by start, so one walk drops every span that touches a URL. */
function withoutUrlSpans(text: string, spans: Span[]): Span[] {
  const urls = Array.from(text.matchAll(URL_PATTERN), (match) => ({ start: match.index ?? 0, end: (match.index ?? 0) + match[0].length }));
  if (urls.length === 0) return spans;
  let u = 0;
  return spans.filter((span) => {
    while (u < urls.length && (urls[u]?.end ?? 0) <= span.start) u++;
    const url = urls[u];
    return url === undefined || span.end <= url.start;
  });
}
