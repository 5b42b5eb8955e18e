import iconv from 'iconv-lite';
import { decodeMixedUtf8 } from './decode-mixed-utf8';
import { decodeWindows1252 } from './windows-1252';

export interface DecodedText {
  text: string;
  /** WHATWG encoding name used, e.g. "utf-8", "gbk", "shift_jis", "windows-1252". */
  charset: string;
}

/** Labels TextDecoder does not know but feeds use; everything else maps as browsers map it (WHATWG). */
const EXTRA_ALIASES: Readonly<Record<string, string>> = { cp936: 'gbk', ms936: 'gbk', cp932: 'shift_jis' };
/** WHATWG decodes "gbk" with the gb18030 decoder, a superset (0x80 is €); Node's "gbk" decoder is not. */
const DECODER_NAMES: Readonly<Record<string, string>> = { gbk: 'gb18030' };

const BOMS: readonly { bytes: readonly number[]; charset: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], charset: 'utf-8' },
  { bytes: [0xff, 0xfe], charset: 'utf-16le' },
  { bytes: [0xfe, 0xff], charset: 'utf-16be' },
];
/** `<?xm` in UTF-16 without a BOM (XML 1.0 appendix F): the prolog is readable only once this is known. */
const UTF16_PROLOGS: readonly { bytes: readonly number[]; charset: string }[] = [
  { bytes: [0x3c, 0x00, 0x3f, 0x00, 0x78, 0x00, 0x6d, 0x00], charset: 'utf-16le' },
  { bytes: [0x00, 0x3c, 0x00, 0x3f, 0x00, 0x78, 0x00, 0x6d], charset: 'utf-16be' },
];
/** What browsers and feed readers assume for undeclared bytes that are not UTF-8. */
const UNDECLARED_LEGACY_CHARSET = 'windows-1252';

const PROLOG_SNIFF_BYTES = 1024;

/**
 * Decodes feed bytes choosing the encoding as feed-quirks §10 says: BOM (or a UTF-16 prolog without
 * one), then the Content-Type charset, then the XML prolog's encoding, then UTF-8 — or windows-1252
 * when undeclared or UTF-8-labelled bytes are mostly not UTF-8 (as the best feed parsers do). A
 * declared charset is overruled when the bytes are valid UTF-8 that it would garble. BOM stripped.
 */
export function decodeFeedBytes(bytes: Uint8Array, contentType: string | null | undefined): DecodedText {
  const bom = BOMS.find((candidate) => startsWith(bytes, candidate.bytes));
  if (bom) return { text: decode(bom.charset, bytes.subarray(bom.bytes.length)), charset: bom.charset };
  const utf16 = UTF16_PROLOGS.find((candidate) => startsWith(bytes, candidate.bytes));
  if (utf16) return { text: decode(utf16.charset, bytes), charset: utf16.charset };
  // An unknown header label falls through to the prolog, then to UTF-8.
  const declared = [charsetFromContentType(contentType), charsetFromProlog(bytes)];
  const charset = declared.map((label) => label && resolveCharset(label)).find(Boolean);
  if (charset === undefined) return decodeUndeclared(bytes);
  // A prolog read as ASCII cannot be UTF-16: the label is wrong and the bytes are ASCII-compatible.
  // Declared UTF-8 over bytes that are mostly not UTF-8 (a CMS writing windows-1252) is read as undeclared.
  if (charset.startsWith('utf-16') || charset === 'utf-8') return decodeUndeclared(bytes);
  const text = decode(charset, bytes);
  if (isMislabelledUtf8(text, charset, bytes)) {
    return { text: decode('utf-8', bytes), charset: 'utf-8' };
  }
  return { text, charset };
}

/** The charset parameter of a Content-Type, quotes stripped. */
export function charsetFromContentType(contentType: string | null | undefined): string | undefined {
  return contentType?.match(/;\s*charset\s*=\s*["']?([^"';\s]+)/i)?.[1];
}

/** The encoding pseudo-attribute of an XML declaration, read from the first bytes as latin1. */
export function charsetFromProlog(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, PROLOG_SNIFF_BYTES)).toString('latin1');
  return head.match(/^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/)?.[1];
}

/**
 * The WHATWG name for a charset label (so iso-8859-1, latin1 and ascii are windows-1252); else the
 * label itself when only iconv-lite knows it (cp437, cp850, utf-7…); else undefined.
 */
export function resolveCharset(label: string): string | undefined {
  const lower = label.trim().toLowerCase();
  try {
    const encoding = new TextDecoder(EXTRA_ALIASES[lower] ?? lower).encoding;
    return encoding === 'replacement' ? undefined : encoding;
  } catch {
    return iconv.encodingExists(lower) ? lower : undefined;
  }
}

/**
 * UTF-8 when the bytes are UTF-8; windows-1252 when they mostly are not; else UTF-8 with its few stray
 * bytes read as windows-1252 rather than shown as U+FFFD.
 */
function decodeUndeclared(bytes: Uint8Array): DecodedText {
  const text = decode('utf-8', bytes);
  if (!text.includes('\uFFFD')) return { text, charset: 'utf-8' };
  if (looksLegacy(text)) return { text: decode(UNDECLARED_LEGACY_CHARSET, bytes), charset: UNDECLARED_LEGACY_CHARSET };
  return { text: decodeMixedUtf8(bytes), charset: 'utf-8' };
}

/** More replacement characters than real non-ASCII characters: the bytes were never UTF-8. */
function looksLegacy(utf8Text: string): boolean {
  let replaced = 0;
  let other = 0;
  for (const char of utf8Text) {
    if (char === '\uFFFD') replaced += 1;
    else if (char > '\u007f') other += 1;
  }
  return replaced > other;
}

/**
 * TextDecoder (ICU) is the WHATWG decoder for every encoding but windows-1252, which Node 20 gets wrong
 * (windows-1252.ts); iconv-lite covers the labels TextDecoder does not know. Measured against both: for
 * Big5, Mac Roman and the undefined bytes of windows-125x, iconv-lite differs from what browsers show.
 */
function decode(charset: string, bytes: Uint8Array): string {
  let text: string;
  if (charset === 'windows-1252') text = decodeWindows1252(bytes);
  else if (isWhatwgEncoding(charset)) text = new TextDecoder(DECODER_NAMES[charset] ?? charset).decode(bytes);
  else text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), charset, { stripBOM: false });
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

function isWhatwgEncoding(charset: string): boolean {
  try {
    return new TextDecoder(charset).encoding === charset;
  } catch {
    return false;
  }
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

function isMislabelledUtf8(text: string, charset: string, bytes: Uint8Array): boolean {
  if (!hasNonAscii(bytes) || !isValidUtf8(bytes)) return false;
  // Single-byte charsets never produce U+FFFD, so for them valid non-ASCII UTF-8 is the only signal.
  return isSingleByteCharset(charset) || text.includes('\uFFFD');
}

function hasNonAscii(bytes: Uint8Array): boolean {
  return bytes.some((byte) => byte >= 0x80);
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function isSingleByteCharset(charset: string): boolean {
  return /^(windows-12\d\d|windows-874|iso-8859-\d+|koi8-[ru]|macintosh|ibm866|x-mac-cyrillic)$/.test(charset);
}
