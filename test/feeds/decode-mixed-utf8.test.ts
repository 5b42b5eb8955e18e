import { decodeMixedUtf8 } from '../../src/feeds/decode-mixed-utf8';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));

describe('decodeMixedUtf8', () => {
  test.each([
    ['valid UTF-8 as it is', bytes('稀土 é “q” 🙂'), '稀土 é “q” 🙂'],
    ['a stray windows-1252 byte as its character', bytes('don', [0x92], 't'), 'don’t'],
    ['stray bytes at both ends', bytes([0x93], 'quoted', [0x94]), '“quoted”'],
    ['a truncated sequence byte by byte', bytes('a', [0xe7, 0xa8], 'b'), 'aç¨b'],
    ['an overlong encoding as two windows-1252 characters', bytes([0xc0, 0xaf]), 'À¯'],
    ['an encoded surrogate as windows-1252 characters', bytes([0xed, 0xa0, 0x80]), 'í\u00a0€'],
    ['a lone continuation byte as its character', bytes('x', [0x80], 'y'), 'x€y'],
    ['a code point above U+10FFFF as windows-1252 characters', bytes([0xf4, 0x90, 0x80, 0x80]), 'ô\u0090€€'],
  ])('reads %s', (_case, input, expected) => {
    expect(decodeMixedUtf8(input)).toBe(expected);
  });
});
