import { decodeHTMLStrict } from 'entities';
import { createEntityExpander, readDoctype, type Doctype } from './doctype-entities';
import { C1_AS_WINDOWS_1252 } from './windows-1252';

/** The five entities XML itself defines: left as they are, so escaped markup stays escaped. */
const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
/** Where a reference, CDATA section, comment, PI or DOCTYPE may start. */
const LANDMARK_SOURCE = /&|<!|<\?/.source;
const REFERENCE = /&(#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z_][\w.:-]*);/y;

/**
 * Rewrites every entity and character reference outside CDATA, comments and PIs into one the XML
 * parser accepts, so that one `&nbsp;` cannot cost the whole feed: HTML5 named entities and numeric
 * references become decimal references (C1 ones mapped as browsers map them), entities declared in
 * the DOCTYPE's internal subset are expanded (bounded) and the subset dropped, and an unknown
 * `&foo;` becomes the text "&foo;". The five XML entities are kept, so the document stays well-formed.
 */
export function resolveEntities(xml: string): string {
  if (!xml.includes('&') && !/<!DOCTYPE[^>]*\[/i.test(xml.slice(0, 4096))) return xml;
  const parts: string[] = [];
  let copied = 0;
  let doctype: Doctype | undefined;
  // Only the first DOCTYPE is read: re-reading an unreadable one at every `<!` would cost quadratic time.
  let doctypeTried = false;
  let expander: ReturnType<typeof createEntityExpander> | undefined;
  // HTML5 entity name → its rewrite: a feed uses a few names, thousands of times.
  const htmlRefs = new Map<string, string>();
  const landmark = new RegExp(LANDMARK_SOURCE, 'g');
  for (let match = landmark.exec(xml); match !== null; match = landmark.exec(xml)) {
    const at = match.index;
    if (match[0] !== '&') {
      if (!doctypeTried && /^<!DOCTYPE/i.test(xml.slice(at, at + 9))) {
        doctypeTried = true;
        doctype = readDoctype(xml, at);
      }
      if (doctype !== undefined && doctype.start === at) {
        parts.push(xml.slice(copied, at));
        copied = landmark.lastIndex = doctype.end;
        expander = createEntityExpander(doctype.values, charRefText);
        continue;
      }
      const end = endOfSpecial(xml, at);
      if (end < 0) break;
      landmark.lastIndex = end;
      continue;
    }
    REFERENCE.lastIndex = at;
    const reference = REFERENCE.exec(xml);
    if (reference === null) continue; // a stray `&`: the parser's retry escapes it
    const replacement = rewriteReference(reference[1] ?? '', expander, htmlRefs);
    if (replacement === undefined) continue;
    parts.push(xml.slice(copied, at), replacement);
    copied = landmark.lastIndex = at + reference[0].length;
  }
  parts.push(xml.slice(copied));
  return parts.join('');
}

/** undefined keeps the reference as written. */
function rewriteReference(ref: string, expander: ReturnType<typeof createEntityExpander> | undefined, htmlRefs: Map<string, string>): string | undefined {
  if (ref.startsWith('#')) {
    const rewritten = asCharRefs(charRefText(ref));
    return rewritten === `&${ref};` ? undefined : rewritten;
  }
  if (XML_ENTITIES.has(ref)) return undefined;
  const declared = expander?.expand(ref);
  if (declared !== undefined) return escapeText(declared);
  let html = htmlRefs.get(ref);
  if (html === undefined) {
    const text = decodeHTMLStrict(`&${ref};`);
    html = text === `&${ref};` ? `&amp;${ref};` : asCharRefs(text);
    htmlRefs.set(ref, html);
  }
  return html;
}

/** The text a numeric reference stands for, as a browser reads it; "" for controls XML forbids. */
function charRefText(ref: string): string {
  const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || Number.isNaN(code)) return '\uFFFD';
  // HTML's numeric character reference end state: C1 references are windows-1252 characters.
  if (code >= 0x80 && code <= 0x9f) return String.fromCodePoint(C1_AS_WINDOWS_1252[code - 0x80] ?? code);
  const isXmlChar = code >= 0x20 ? code !== 0xfffe && code !== 0xffff : code === 0x9 || code === 0xa || code === 0xd;
  return isXmlChar ? String.fromCodePoint(code) : '';
}

/** Text as decimal references: safe in text and in attribute values, whatever the characters are. */
function asCharRefs(text: string): string {
  let out = '';
  for (const char of text) out += `&#${char.codePointAt(0) ?? 0xfffd};`;
  return out;
}

function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** End of the CDATA section, comment, PI or declaration at `at`; -1 when it never ends. */
function endOfSpecial(xml: string, at: number): number {
  const closer = xml.startsWith('<![CDATA[', at) ? ']]>' : xml.startsWith('<!--', at) ? '-->' : xml.startsWith('<?', at) ? '?>' : '>';
  const end = xml.indexOf(closer, at + 2);
  return end < 0 ? -1 : end + closer.length;
}
