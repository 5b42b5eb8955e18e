import { escapeFeedMarkdown } from './escape-feed-markdown';
import type { MarkedText } from './marked-text';

export interface RenderOptions {
  /** Escape markdown: true where Discord renders it (title, description, fields), false for author and footer. */
  escape: boolean;
  /** Wrap spans in `**`; only meaningful where markdown renders. */
  emphasis: boolean;
}

/**
 * Turns marked text into Discord text. Each plain run and each span is escaped on its own and our `**`
 * goes around the escaped span, so feed text can never open or close our emphasis.
 */
export function renderMarkedText(marked: MarkedText, options: RenderOptions): string {
  const escape = options.escape ? escapeFeedMarkdown : (text: string): string => text;
  const parts: string[] = [];
  let cursor = 0;
  for (const span of marked.spans) {
    parts.push(escape(marked.text.slice(cursor, span.start)));
    const inner = escape(marked.text.slice(span.start, span.end));
    parts.push(options.emphasis ? `**${inner}**` : inner);
    cursor = span.end;
  }
  parts.push(escape(marked.text.slice(cursor)));
  return parts.join('');
}
