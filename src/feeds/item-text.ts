import { decodeHTML } from 'entities';

const MAX_DEPTH = 8;
/** Block-level tags separate words; inline tags (b, a, span…) do not. */
const BLOCK_TAG = /<\/?(?:p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|tr|td|th|table|blockquote|section|article|header|footer|figure|figcaption)\b[^<>]*>/gi;
/** Not global, so testing it keeps no state between calls. */
const SCRIPT_OR_STYLE = /<(?:script|style)\b/i;
/** Longest HTML we convert: the text is capped far below this anyway, and it bounds the work per field. */
const MAX_HTML_CHARS = 200_000;

/**
 * The text of any rss-parser field, whatever its shape (feed-quirks §24): strings as they are,
 * `{_: text, $: attributes}` as its text, arrays and other objects by collecting their text in order.
 * Attributes (`$`) are never text. undefined, null and unknown shapes give "".
 */
export function coerceText(value: unknown, depth = 0): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return '';
  const parts = Array.isArray(value)
    ? value.map((part) => coerceText(part, depth + 1))
    : Object.entries(value)
        .filter(([key]) => key !== '$')
        .sort(([a], [b]) => Number(b === '_') - Number(a === '_'))
        .map(([, part]) => coerceText(part, depth + 1));
  return parts.filter((part) => part !== '').join(' ');
}

/**
 * An HTML fragment as display text: comments, scripts and tags removed, entities decoded exactly once
 * (CDATA often carries `&amp;` and `&#8217;`), NBSP and all other whitespace folded to one space, trimmed.
 */
export function htmlToText(html: string): string {
  if (html === '') return '';
  // Most fields have no markup or no entities at all: each step runs only when its input can need it.
  const capped = html.slice(0, MAX_HTML_CHARS);
  const withoutTags = capped.includes('<') ? removeMarkup(capped) : capped;
  const decoded = withoutTags.includes('&') ? decodeHTML(withoutTags) : withoutTags;
  return decoded
    // Stray control characters (and ones decoded from &#1;) would break Discord embeds and matching.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Comments, scripts, styles and tags out; block-level tags become a space. */
function removeMarkup(html: string): string {
  const withoutComments = html.includes('<!--') ? removeSpans(html, '<!--', '-->') : html;
  const withoutCode = SCRIPT_OR_STYLE.test(withoutComments)
    ? removeSpans(removeSpans(withoutComments, '<script\\b', '</script\\s*>'), '<style\\b', '</style\\s*>')
    : withoutComments;
  return withoutCode.replace(BLOCK_TAG, ' ').replace(/<\/?[A-Za-z][^<>]*>/g, '');
}

/**
 * Removes every `open…close` span (regex sources, case-insensitive) in one pass; an unclosed span runs
 * to the end, as in a browser. Each search resumes where the last ended, so hostile input stays linear.
 */
function removeSpans(html: string, open: string, close: string): string {
  const opener = new RegExp(open, 'gi');
  const closer = new RegExp(close, 'gi');
  const parts: string[] = [];
  let copied = 0;
  for (let start = opener.exec(html); start !== null; start = opener.exec(html)) {
    parts.push(html.slice(copied, start.index), ' ');
    closer.lastIndex = start.index + start[0].length;
    const end = closer.exec(html);
    copied = end === null ? html.length : end.index + end[0].length;
    opener.lastIndex = copied;
  }
  parts.push(html.slice(copied));
  return parts.join('');
}

/** coerceText then htmlToText: the one way feed fields become NewsItem text. */
export function textOf(value: unknown): string {
  return htmlToText(coerceText(value));
}

/** Shortens text to at most `maxChars`, at a word boundary when one is near, marking the cut with "…". */
export function truncateText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > maxChars * 0.8 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
