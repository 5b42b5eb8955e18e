import { isMap, isSeq, type Document, type LineCounter, type Node } from 'yaml';

/** Where a problem sits in the YAML text, 1-based, as editors count. */
export interface TextPosition {
  line: number;
  col: number;
}

/**
 * `file:3:12: message`, then the offending line and a caret under the column, so a YAML mistake can be
 * found without counting lines.
 */
export function pointAt(file: string, text: string, where: TextPosition, message: string): string {
  const line = text.split(/\r?\n/)[where.line - 1] ?? '';
  return [`${file}:${where.line}:${where.col}: ${message}`, `    ${line}`, `    ${' '.repeat(Math.max(0, where.col - 1))}^`].join('\n');
}

/**
 * The position of the value at `path` (or of the key `key` inside it), falling back to the nearest
 * ancestor that exists: a missing key is reported where its parent is.
 */
export function locatePath(document: Document, lines: LineCounter, path: readonly PropertyKey[], key?: string): TextPosition | undefined {
  let node: unknown = document.contents;
  let offset = (node as Node | null)?.range?.[0];
  for (const part of path) {
    const next = childOf(node, part);
    if (!next) break;
    node = next.value;
    offset = next.offset ?? offset;
  }
  if (key !== undefined) offset = childOf(node, key)?.keyOffset ?? offset;
  return offset === undefined ? undefined : lines.linePos(offset);
}

function childOf(node: unknown, part: PropertyKey): { value: unknown; offset: number | undefined; keyOffset?: number } | undefined {
  if (isSeq(node) && typeof part === 'number') {
    const item = node.items[part] as Node | undefined;
    return item ? { value: item, offset: item.range?.[0] } : undefined;
  }
  if (isMap(node)) {
    const pair = node.items.find((p) => String((p.key as { value?: unknown } | null)?.value) === String(part));
    if (!pair) return undefined;
    const keyNode = pair.key as Node | null;
    const valueNode = pair.value as Node | null;
    return { value: valueNode, offset: valueNode?.range?.[0] ?? keyNode?.range?.[0], keyOffset: keyNode?.range?.[0] };
  }
  return undefined;
}
