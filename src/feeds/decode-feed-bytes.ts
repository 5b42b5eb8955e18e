export interface DecodedText {
  text: string;
  /** WHATWG encoding name used, e.g. "utf-8", "gbk", "shift_jis", "windows-1252". */
  charset: string;
}

/** Labels TextDecoder does not know but feeds use; everything else maps as browsers map it (WHATWG). */
const EXTRA_ALIASES: Readonly<Record<string, string>> = { cp936: 'gbk', ms936: 'gbk', cp932: 'shift_jis' };

const BOMS: readonly { bytes: readonly number[]; charset: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], charset: 'utf-8' },
  { bytes: [0xff, 0xfe], charset: 'utf-16le' },
  { bytes: [0xfe, 0xff], charset: 'utf-16be' },
];

const PROLOG_SNIFF_BYTES = 1024;

/**
 * Decodes feed bytes choosing the encoding as feed-quirks §10 says: BOM, then the Content-Type
 * charset, then the XML prolog's encoding, then UTF-8. A declared charset is overruled when the
 * bytes are valid UTF-8 that the declared charset would garble (a mislabelled feed). BOM stripped.
 */
export function decodeFeedBytes(bytes: Uint8Array, contentType: string | null | undefined): DecodedText {
  const bom = BOMS.find((candidate) => candidate.bytes.every((byte, index) => bytes[index] === byte));
  if (bom) return { text: decode(bom.charset, bytes.subarray(bom.bytes.length)), charset: bom.charset };
  // An unknown header label falls through to the prolog, then to UTF-8.
  const declared = [charsetFromContentType(contentType), charsetFromProlog(bytes)];
  const charset = declared.map((label) => label && resolveCharset(label)).find(Boolean) ?? 'utf-8';
  const text = decode(charset, bytes);
  if (charset !== 'utf-8' && isMislabelledUtf8(text, charset, bytes)) {
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

/** The WHATWG name for a charset label, or undefined when TextDecoder cannot decode it. */
export function resolveCharset(label: string): string | undefined {
  const lower = label.trim().toLowerCase();
  try {
    const encoding = new TextDecoder(EXTRA_ALIASES[lower] ?? lower).encoding;
    return encoding === 'replacement' ? undefined : encoding;
  } catch {
    return undefined;
  }
}

function decode(charset: string, bytes: Uint8Array): string {
  const text = new TextDecoder(charset).decode(bytes);
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

function isMislabelledUtf8(text: string, charset: string, bytes: Uint8Array): boolean {
  if (charset.startsWith('utf-16') || !hasNonAscii(bytes) || !isValidUtf8(bytes)) return false;
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
