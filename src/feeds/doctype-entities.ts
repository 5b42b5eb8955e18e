import { decodeHTMLStrict } from 'entities';

/** A DOCTYPE with an internal subset: where it lies, and the general entities it declares. */
export interface Doctype {
  start: number;
  end: number;
  /** Raw replacement text of each internal general entity, first declaration wins (XML 1.0 §4.2). */
  values: Map<string, string>;
}

/** Longest expansion of one entity, and of all entities in one document together. */
export const MAX_ENTITY_CHARS = 16_384;
export const MAX_TOTAL_ENTITY_CHARS = 1_000_000;
const MAX_ENTITY_DEPTH = 16;

const DOCTYPE_START = /<!DOCTYPE\s/iy;
const ENTITY_DECL = /<!ENTITY\s+(%\s+)?([A-Za-z_][\w.:-]*)\s+(?:"([^"]*)"|'([^']*)')?/y;
const REFERENCE = /&(#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z_][\w.:-]*);/g;

/**
 * Reads the DOCTYPE starting at `start`. undefined when there is none, it has no internal subset, or
 * the subset cannot be read (the parser then reports the document as it is). External entities
 * (SYSTEM/PUBLIC) and parameter entities are skipped: we never fetch anything a feed points at.
 */
export function readDoctype(xml: string, start: number): Doctype | undefined {
  DOCTYPE_START.lastIndex = start;
  if (!DOCTYPE_START.test(xml)) return undefined;
  const open = skipQuoted(xml, start, '[');
  if (open === undefined || xml[open] !== '[') return undefined;
  const values = new Map<string, string>();
  let pos = open + 1;
  for (;;) {
    while (/\s/.test(xml.charAt(pos))) pos += 1;
    if (xml[pos] === ']') {
      const close = xml.indexOf('>', pos);
      return close < 0 ? undefined : { start, end: close + 1, values };
    }
    const next = skipDeclaration(xml, pos, values);
    if (next === undefined) return undefined;
    pos = next;
  }
}

/** One markup declaration, comment, PI or parameter-entity reference of the subset; where it ends. */
function skipDeclaration(xml: string, pos: number, values: Map<string, string>): number | undefined {
  if (xml.startsWith('<!--', pos)) return afterText(xml, xml.indexOf('-->', pos + 4), 3);
  if (xml.startsWith('<?', pos)) return afterText(xml, xml.indexOf('?>', pos + 2), 2);
  if (xml[pos] === '%') return afterText(xml, xml.indexOf(';', pos), 1);
  if (!xml.startsWith('<!', pos)) return undefined;
  ENTITY_DECL.lastIndex = pos;
  const entity = ENTITY_DECL.exec(xml);
  const value = entity?.[3] ?? entity?.[4];
  const name = entity?.[2];
  if (entity && !entity[1] && name !== undefined && value !== undefined && !values.has(name)) values.set(name, value);
  const end = skipQuoted(xml, pos + 2, '>');
  return end === undefined ? undefined : end + 1;
}

function afterText(xml: string, found: number, length: number): number | undefined {
  return found < 0 ? undefined : found + length;
}

/** Index of the first `stop` character (or `>`) at or after `pos` outside quotes. */
function skipQuoted(xml: string, pos: number, stop: string): number | undefined {
  let quote: string | undefined;
  for (let i = pos; i < xml.length; i++) {
    const char = xml[i];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === stop || char === '>') {
      return i;
    }
  }
  return undefined;
}

/**
 * Expands declared entities to plain text with a shared budget, so a billion-laughs document costs at
 * most MAX_TOTAL_ENTITY_CHARS of work: an entity whose expansion is too long, too deep, recursive or
 * past the budget expands to undefined and the caller leaves its reference as literal text.
 */
export function createEntityExpander(values: ReadonlyMap<string, string>, decodeCharRef: (ref: string) => string) {
  const expanded = new Map<string, string | undefined>();
  const inProgress = new Set<string>();
  let spent = 0;
  const expand = (name: string, depth: number): string | undefined => {
    if (expanded.has(name)) return expanded.get(name);
    const raw = values.get(name);
    if (raw === undefined || inProgress.has(name) || depth > MAX_ENTITY_DEPTH || spent > MAX_TOTAL_ENTITY_CHARS) return undefined;
    inProgress.add(name);
    let failed = false;
    let length = raw.length;
    const text = raw.replace(REFERENCE, (reference: string, ref: string) => {
      if (failed) return '';
      const part = ref.startsWith('#') ? decodeCharRef(ref) : values.has(ref) ? expand(ref, depth + 1) : htmlEntity(reference);
      // Checked as the text grows: one value referring 100,000 times to a 16 KB entity must stop early.
      length += part?.length ?? 0;
      if (part === undefined || length > MAX_ENTITY_CHARS) failed = true;
      return failed ? '' : (part ?? '');
    });
    inProgress.delete(name);
    spent += text.length;
    const result = failed || text.length > MAX_ENTITY_CHARS || spent > MAX_TOTAL_ENTITY_CHARS ? undefined : text;
    expanded.set(name, result);
    return result;
  };
  return {
    /** The entity's text, or undefined when it is not declared or may not be expanded. */
    expand(name: string): string | undefined {
      if (!values.has(name)) return undefined;
      const text = expand(name, 0);
      if (text === undefined) return undefined;
      spent += text.length;
      return spent > MAX_TOTAL_ENTITY_CHARS ? undefined : text;
    },
  };
}

/** An XML or HTML5 named entity's text; a reference to an undeclared or unknown one stays literal. */
function htmlEntity(reference: string): string {
  return decodeHTMLStrict(reference);
}
