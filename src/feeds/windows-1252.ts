/**
 * windows-1252's characters for bytes (and, in HTML, numeric references) 0x80–0x9F, as the WHATWG
 * encoding standard gives them; the five bytes windows-1252 leaves undefined map to themselves.
 */
export const C1_AS_WINDOWS_1252: readonly number[] = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

const C1_CHARS = C1_AS_WINDOWS_1252.map((code) => String.fromCharCode(code));

/**
 * Decodes windows-1252 exactly as browsers do. Node 20's TextDecoder (since 20.18.3) decodes it as
 * latin1, turning “ ” – € ’ into invisible C1 controls; latin1 plus this table is the WHATWG decoder.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (char) => C1_CHARS[char.charCodeAt(0) - 0x80] ?? char);
}
