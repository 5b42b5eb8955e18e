/**
 * A feed document cut around its items: `gaps[i]` comes before `items[i]`, and `gaps[items.length]` after
 * the last one. Joining them all gives the document back.
 */
export interface FeedItemSpans {
  gaps: string[];
  items: string[];
}

/**
 * Finds the raw text of each `<item>` (RSS) or `<entry>` (Atom) without parsing the document, so a feed
 * that gained one item need not have its other fifty parsed again (see parse-new-items.ts). CDATA sections,
 * comments and quoted attribute values are skipped. Anything it is not sure of — an item inside an item, an
 * unclosed item or section, a DOCTYPE with an internal subset, no items at all — gives undefined, and the
 * caller parses the whole document as usual.
 * It runs on every changed document of every poll, so it reads character codes and allocates nothing per
 * tag: a regular expression's match per tag made more garbage than the document itself.
 */
export function splitFeedItems(xml: string): FeedItemSpans | undefined {
  const gaps: string[] = [];
  const items: string[] = [];
  let gapStart = 0;
  let open: { name: ItemElement; start: number } | undefined;
  let pos = xml.indexOf('<');
  while (pos !== -1) {
    const skipTo = endOfSpecial(xml, pos);
    if (skipTo === null) return undefined;
    if (skipTo !== undefined) {
      pos = xml.indexOf('<', skipTo);
      continue;
    }
    const closing = xml.charCodeAt(pos + 1) === SLASH;
    const nameStart = closing ? pos + 2 : pos + 1;
    if (!isNameStart(xml.charCodeAt(nameStart))) {
      pos = xml.indexOf('<', pos + 1); // a stray "<" in text: the parser's repairs deal with it
      continue;
    }
    const end = endOfTag(xml, pos);
    if (end === undefined) return undefined;
    const name = itemElementAt(xml, nameStart);
    if (name !== undefined) {
      const selfClosing = xml.charCodeAt(end - 2) === SLASH;
      if (closing) {
        if (open?.name !== name) return undefined;
        gaps.push(xml.slice(gapStart, open.start));
        items.push(xml.slice(open.start, end));
        gapStart = end;
        open = undefined;
      } else if (open) {
        return undefined;
      } else if (selfClosing) {
        gaps.push(xml.slice(gapStart, pos));
        items.push(xml.slice(pos, end));
        gapStart = end;
      } else {
        open = { name, start: pos };
      }
    }
    pos = xml.indexOf('<', end);
  }
  if (open || items.length === 0) return undefined;
  gaps.push(xml.slice(gapStart));
  return { gaps, items };
}

type ItemElement = 'item' | 'entry';

const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const GREATER = 0x3e;
const LESS = 0x3c;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;

/** `[A-Za-z_]`: what may start a tag name (as the parser's repairs see it). */
function isNameStart(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f;
}

/** `[\w.:-]`: what may go on in a tag name. */
function isNameChar(code: number): boolean {
  return isNameStart(code) || (code >= 0x30 && code <= 0x39) || code === 0x2e || code === 0x3a || code === 0x2d;
}

/** `item` or `entry` when the tag name starting at `at` is exactly that (not `items`, not `entry:x`). */
function itemElementAt(xml: string, at: number): ItemElement | undefined {
  if (xml.startsWith('item', at) && !isNameChar(xml.charCodeAt(at + 4))) return 'item';
  if (xml.startsWith('entry', at) && !isNameChar(xml.charCodeAt(at + 5))) return 'entry';
  return undefined;
}

/** The document with only the items `keep` accepts. */
export function joinFeedItems(spans: FeedItemSpans, keep: (index: number) => boolean): string {
  let text = spans.gaps[0] ?? '';
  spans.items.forEach((item, i) => {
    text += (keep(i) ? item : '') + (spans.gaps[i + 1] ?? '');
  });
  return text;
}

/**
 * Where a CDATA section, comment, processing instruction or declaration that starts at `pos` ends;
 * undefined when none starts there; null when it never ends or is a DOCTYPE with an internal subset
 * (which may declare entities that expand into items).
 */
function endOfSpecial(xml: string, pos: number): number | undefined | null {
  const next = xml.charCodeAt(pos + 1);
  if (next !== BANG && next !== QUESTION) return undefined; // a tag: most of them
  if (xml.startsWith('<![CDATA[', pos)) return endAfter(xml, pos + 9, ']]>');
  if (xml.startsWith('<!--', pos)) return endAfter(xml, pos + 4, '-->');
  if (xml.startsWith('<?', pos)) return endAfter(xml, pos + 2, '?>');
  const end = endOfTag(xml, pos);
  if (end === undefined || xml.slice(pos, end).includes('[')) return null;
  return end;
}

/** Just past the first `closing` from `from`, or null when there is none. */
function endAfter(xml: string, from: number, closing: string): number | null {
  const end = xml.indexOf(closing, from);
  return end === -1 ? null : end + closing.length;
}

/** The index just past the `>` closing the tag at `pos`, stepping over quoted attribute values. */
function endOfTag(xml: string, pos: number): number | undefined {
  let quote = 0;
  for (let i = pos + 1; i < xml.length; i++) {
    const code = xml.charCodeAt(i);
    if (quote !== 0) {
      if (code === quote) quote = 0;
    } else if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
      quote = code;
    } else if (code === GREATER) {
      return i + 1;
    } else if (code === LESS) {
      return undefined;
    }
  }
  return undefined;
}
