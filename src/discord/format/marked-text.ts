/** A half-open range of UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
}

/** Clean plain text plus the ranges to emphasise: sorted, non-overlapping, non-empty, inside the text. */
export interface MarkedText {
  text: string;
  spans: Span[];
}

/** The part of `marked` between `start` and `end`, spans clipped and shifted to match. */
export function sliceMarkedText(marked: MarkedText, start: number, end = marked.text.length): MarkedText {
  const spans: Span[] = [];
  for (const span of marked.spans) {
    const from = Math.max(span.start, start);
    const to = Math.min(span.end, end);
    if (from < to) spans.push({ start: from - start, end: to - start });
  }
  return { text: marked.text.slice(start, end), spans };
}

/** Sorts spans and merges the ones that overlap or touch, so emphasis markers never abut (`**a****b**`). */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}
