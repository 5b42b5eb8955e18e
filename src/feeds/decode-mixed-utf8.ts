import { decodeWindows1252 } from './windows-1252';

/**
 * UTF-8 in which each byte that is not part of a valid sequence is read as windows-1252 instead of
 * becoming U+FFFD: a UTF-8 feed with a pasted-in “quote” from an old CMS shows the quote, and its valid
 * multi-byte text (稀土, é) is untouched. Valid runs are decoded in one piece, so this stays linear.
 */
export function decodeMixedUtf8(bytes: Uint8Array): string {
  const parts: string[] = [];
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let runStart = 0;
  let i = 0;
  while (i < bytes.length) {
    const length = validSequenceLength(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    if (runStart < i) parts.push(buffer.toString('utf8', runStart, i));
    parts.push(decodeWindows1252(bytes.subarray(i, i + 1)));
    i += 1;
    runStart = i;
  }
  if (runStart < bytes.length) parts.push(buffer.toString('utf8', runStart));
  return parts.join('');
}

/** Length of the well-formed UTF-8 sequence at `i` (Unicode table 3-7), or 0 when there is none. */
function validSequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i] ?? 0;
  if (lead < 0x80) return 1;
  const [count, low, high] = lead >= 0xc2 && lead <= 0xdf ? [1, 0x80, 0xbf]
    : lead === 0xe0 ? [2, 0xa0, 0xbf]
    : lead === 0xed ? [2, 0x80, 0x9f]
    : lead >= 0xe1 && lead <= 0xef ? [2, 0x80, 0xbf]
    : lead === 0xf0 ? [3, 0x90, 0xbf]
    : lead >= 0xf1 && lead <= 0xf3 ? [3, 0x80, 0xbf]
    : lead === 0xf4 ? [3, 0x80, 0x8f]
    : [0, 0, 0];
  if (count === 0) return 0;
  const second = bytes[i + 1] ?? -1;
  if (second < low || second > high) return 0;
  for (let k = 2; k <= count; k++) {
    const next = bytes[i + k] ?? -1;
    if (next < 0x80 || next > 0xbf) return 0;
  }
  return count + 1;
}
