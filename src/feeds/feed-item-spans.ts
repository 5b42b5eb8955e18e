/**
 * A feed document cut around its items: `gaps[i]` comes before `items[i]`, and `gaps[items.length]` after
 * the last one. Joining them all gives the document back.
 */
export interface FeedItemSpans {
  gaps: string[];
  items: string[];
}

const ITEM_ELEMENTS = new Set(['item', 'entry']);
const TAG_NAME = /<(\/?)([A-Za-z_][\w.:-]*)/y;

/**
 * Finds the raw text of each `<item>` (RSS) or `<entry>` (Atom) without parsing the document, so a feed
 * that gained one item need not have its other fifty parsed again (see parse-new-items.ts). CDATA sections,
 * comments and quoted attribute values are skipped. Anything it is not sure of — an item inside an item, an
 * unclosed item or section, a DOCTYPE with an internal subset, no items at all — gives undefined, and the
 * caller parses the whole document as usual.
 */
export function splitFeedItems(xml: string): FeedItemSpans | undefined {
  const gaps: string[] = [];
  const items: string[] = [];
  let gapStart = 0;
  let open: { name: string; start: number } | undefined;
  let pos = xml.indexOf('<');
  while (pos !== -1) {
    const skipTo = endOfSpecial(xml, pos);
    if (skipTo === null) return undefined;
    if (skipTo !== undefined) {
      pos = xml.indexOf('<', skipTo);
      continue;
    }
    TAG_NAME.lastIndex = pos;
    const tag = TAG_NAME.exec(xml);
    if (!tag) {
      pos = xml.indexOf('<', pos + 1); // a stray "<" in text: the parser's repairs deal with it
      continue;
    }
    const end = endOfTag(xml, pos);
    if (end === undefined) return undefined;
    const [, slash, name = ''] = tag;
    if (ITEM_ELEMENTS.has(name)) {
      const selfClosing = xml[end - 2] === '/';
      if (slash) {
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
  const closeAfter = (opening: string, closing: string) => {
    const end = xml.indexOf(closing, pos + opening.length);
    return end === -1 ? null : end + closing.length;
  };
  if (xml.startsWith('<![CDATA[', pos)) return closeAfter('<![CDATA[', ']]>');
  if (xml.startsWith('<!--', pos)) return closeAfter('<!--', '-->');
  if (xml.startsWith('<?', pos)) return closeAfter('<?', '?>');
  if (xml.startsWith('<!', pos)) {
    const end = endOfTag(xml, pos);
    if (end === undefined || xml.slice(pos, end).includes('[')) return null;
    return end;
  }
  return undefined;
}

/** The index just past the `>` closing the tag at `pos`, stepping over quoted attribute values. */
function endOfTag(xml: string, pos: number): number | undefined {
  let quote: string | undefined;
  for (let i = pos + 1; i < xml.length; i++) {
    const char = xml[i];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '>') {
      return i + 1;
    } else if (char === '<') {
      return undefined;
    }
  }
  return undefined;
}
