import { parseFeedDate } from './parse-feed-date';
import { resolveEntities } from './resolve-entities';
import { rootElementName, skipLeadingJunk } from './sniff-feed-text';

/**
 * Text elements whose inline markup we turn into escaped text before parsing: xml2js keeps mixed
 * content out of order and rss-parser then drops the words inside `<b>` (feed-quirks §2) or returns an
 * object for Atom xhtml. As escaped text the markup survives and htmlToText strips it later.
 */
const TEXT_ELEMENT_OPEN = '<(title|description|summary|content|content:encoded|media:title|media:description)(\\s[^<>]*?)?(?<!/)>';
const CDATA_START = '<![CDATA[';
const CDATA_END = ']]>';
// `[^<>]` rather than `[\s\S]`: every scan stops at the next tag, so hostile input stays linear.
const ATOM_LINK = /<link(\s[^<>]*?)?(?:\/>|>([^<]*)<\/link\s*>)/g;
const ATOM_DATE = /<(published|updated)(\s[^<>]*?)?>([^<]*)<\/\1\s*>/g;
/** `&` not starting an entity or character reference, which makes sax reject the whole document. */
const STRAY_AMPERSAND = /&(?![A-Za-z][A-Za-z0-9._-]*;|#\d+;|#x[0-9A-Fa-f]+;)/g;

/** Atom `type="text"`, Media RSS `type="plain"`: plain text, so `<blink>` in it is a word, not a tag to strip. */
const PLAIN_TEXT_TYPE = /\stype\s*=\s*["'](?:text|plain)["']/;

/**
 * Rewrites feed XML so one odd element cannot cost the whole feed: leading junk dropped, entities
 * resolved (resolve-entities.ts), inline markup in text elements escaped, and for Atom, `<link>`
 * elements without href and unreadable `<published>`/`<updated>` dates repaired, both of which make
 * rss-parser reject every entry (§7, §8).
 */
export function prepareFeedXml(xml: string): string {
  const trimmed = resolveEntities(skipLeadingJunk(xml));
  const flattened = flattenTextElements(trimmed);
  return rootElementName(flattened) === 'feed' ? repairAtom(flattened) : flattened;
}

/** Escapes each stray `&` (feed-quirks §18): the one retry after a parse error. */
export function escapeStrayAmpersands(xml: string): string {
  return xml.replace(STRAY_AMPERSAND, '&amp;');
}

/**
 * One pass over the document with indexOf for each closing tag, so a feed full of unclosed `<title>`s
 * costs linear time: once a name has no closing tag left, later openings of it are skipped.
 */
function flattenTextElements(xml: string): string {
  const open = new RegExp(TEXT_ELEMENT_OPEN, 'g');
  const unclosed = new Set<string>();
  const parts: string[] = [];
  let copied = 0;
  for (let match = open.exec(xml); match !== null; match = open.exec(xml)) {
    const name = match[1] ?? '';
    const innerStart = match.index + match[0].length;
    const close = unclosed.has(name) ? -1 : xml.indexOf(`</${name}>`, innerStart);
    if (close < 0) {
      unclosed.add(name);
      continue;
    }
    const inner = xml.slice(innerStart, close);
    if (PLAIN_TEXT_TYPE.test(match[2] ?? '')) {
      if (inner.includes('<') || inner.includes('&')) {
        parts.push(xml.slice(copied, innerStart), plainTextAsHtml(inner));
        copied = close;
      }
    } else if (inner.includes('<')) {
      parts.push(xml.slice(copied, innerStart), markupAsText(inner));
      copied = close;
    }
    open.lastIndex = close;
  }
  parts.push(xml.slice(copied));
  return parts.join('');
}

/** Inner markup as equivalent escaped text: CDATA content escaped, other `<` and `>` escaped, entities kept. */
function markupAsText(inner: string): string {
  return mapCdataSections(inner, escapeAngles, escapeXml);
}

/**
 * Plain text escaped once more, because every text field is later read as HTML (htmlToText): after the
 * XML parser and that decoding, `&lt;blink&gt;` and a CDATA `<blink>` both come out as `<blink>`.
 */
function plainTextAsHtml(inner: string): string {
  return mapCdataSections(inner, escapeTwice, (cdata) => escapeXml(escapeXml(cdata)));
}

/** `inner` rewritten piece by piece: the text between CDATA sections through `text`, each section's content through `cdata`. */
function mapCdataSections(inner: string, text: (xml: string) => string, cdata: (content: string) => string): string {
  const parts: string[] = [];
  let index = 0;
  for (;;) {
    const start = inner.indexOf(CDATA_START, index);
    const end = start < 0 ? -1 : inner.indexOf(CDATA_END, start + CDATA_START.length);
    if (end < 0) break;
    parts.push(text(inner.slice(index, start)), cdata(inner.slice(start + CDATA_START.length, end)));
    index = end + CDATA_END.length;
  }
  parts.push(text(inner.slice(index)));
  return parts.join('');
}

/** XML text whose references the parser decodes into its own source, with stray angles made text. */
function escapeTwice(xmlText: string): string {
  return xmlText.split('&').join('&amp;').split('<').join('&amp;lt;').split('>').join('&amp;gt;');
}

function repairAtom(xml: string): string {
  return xml.replace(ATOM_LINK, repairAtomLink).replace(ATOM_DATE, repairAtomDate);
}

/** rss-parser reads `link.$.rel`, so a link must have attributes; text-only links get an href. */
function repairAtomLink(element: string, attributes: string | undefined, text: string | undefined): string {
  if (attributes !== undefined && /\shref\s*=/.test(attributes)) return element;
  const href = (text ?? '').trim();
  if (href !== '' && !href.includes('<')) return `<link${attributes ?? ''} href="${href.replace(/"/g, '&quot;')}"/>`;
  return attributes !== undefined && attributes.trim() !== '' ? element : '';
}

/** rss-parser calls `new Date(x).toISOString()`, which throws on an invalid date and loses the feed. */
function repairAtomDate(element: string, name: string, _attributes: string | undefined, value: string): string {
  if (value.trim() === '') return element;
  const date = parseFeedDate(value);
  return date === undefined ? '' : `<${name}>${date.toISOString()}</${name}>`;
}

function escapeXml(text: string): string {
  return escapeAngles(text.split('&').join('&amp;'));
}

/** split/join: several times faster than a global regex replace on tag-dense text. */
function escapeAngles(text: string): string {
  return text.split('<').join('&lt;').split('>').join('&gt;');
}
