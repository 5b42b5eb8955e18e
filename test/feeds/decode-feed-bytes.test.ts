import iconv from 'iconv-lite';
import { charsetFromContentType, decodeFeedBytes, resolveCharset } from '../../src/feeds/decode-feed-bytes';

const latin1Feed = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>M\xe9taux</title></rss>', 'latin1');

describe('decodeFeedBytes', () => {
  test.each([
    ['UTF-8 by default', Buffer.from('<rss>稀土</rss>'), undefined, 'utf-8', '<rss>稀土</rss>'],
    ['the header charset', Buffer.from('<rss>M\xe9taux</rss>', 'latin1'), 'text/xml; charset=windows-1252', 'windows-1252', '<rss>Métaux</rss>'],
    ['the prolog encoding without a header charset', latin1Feed, 'application/xml', 'windows-1252', expect.stringContaining('Métaux')],
    ['the header over the prolog', Buffer.from('<?xml version="1.0" encoding="gbk"?><rss>é</rss>'), 'text/xml; charset=utf-8', 'utf-8', expect.stringContaining('é')],
    ['the prolog when the header charset is unknown', latin1Feed, 'text/xml; charset=x-bogus', 'windows-1252', expect.stringContaining('Métaux')],
    ['the BOM over everything, and strips it', Buffer.from('\ufeff<rss>é</rss>'), 'text/xml; charset=iso-8859-1', 'utf-8', '<rss>é</rss>'],
    ['UTF-8 when a single-byte label is wrong', Buffer.from('<?xml version="1.0" encoding="windows-1252"?><rss>é</rss>'), undefined, 'utf-8', expect.stringContaining('<rss>é</rss>')],
  ])('uses %s', (_rule, bytes, contentType, charset, text) => {
    expect(decodeFeedBytes(bytes, contentType)).toEqual({ charset, text });
  });
});

const SMART = '“Rare earth” – €42/kg, don’t panic';
const smartFeed = (prolog: string) => iconv.encode(`${prolog}<rss><title>${SMART}</title></rss>`, 'windows-1252');
const utf16 = (text: string, le: boolean) => {
  const bytes = Buffer.from(text, 'utf16le');
  return le ? bytes : bytes.swap16();
};

describe('decodeFeedBytes with windows-1252 punctuation (0x80–0x9F)', () => {
  test.each([
    ['a windows-1252 header charset', smartFeed(''), 'text/xml; charset=windows-1252', 'windows-1252'],
    ['an iso-8859-1 prolog (WHATWG: windows-1252)', smartFeed('<?xml version="1.0" encoding="iso-8859-1"?>'), undefined, 'windows-1252'],
    ['a latin1 header label', smartFeed(''), 'text/xml; charset=latin1', 'windows-1252'],
    ['an us-ascii header label', smartFeed(''), 'text/xml; charset=us-ascii', 'windows-1252'],
    ['no charset anywhere (bytes not UTF-8)', smartFeed('<?xml version="1.0"?>'), 'application/rss+xml', 'windows-1252'],
    ['a UTF-8 label over bytes that are not UTF-8', smartFeed('<?xml version="1.0" encoding="utf-8"?>'), 'text/xml; charset=utf-8', 'windows-1252'],
  ])('keeps “ ” – € ’ with %s', (_case, bytes, contentType, charset) => {
    const decoded = decodeFeedBytes(bytes, contentType);
    expect(decoded.charset).toBe(charset);
    expect(decoded.text).toContain(`<title>${SMART}</title>`);
    expect(decoded.text).not.toMatch(/[\u0080-\u009f\ufffd]/);
  });

  test.each([
    ['UTF-16LE', true, 'utf-16le'],
    ['UTF-16BE', false, 'utf-16be'],
  ])('reads %s declared only in the prolog, without a BOM', (_case, le, charset) => {
    const text = `<?xml version="1.0" encoding="UTF-16"?><rss><title>${SMART} 稀土</title></rss>`;
    expect(decodeFeedBytes(utf16(text, le), 'application/xml')).toEqual({ charset, text });
  });

  it('keeps UTF-8 when a mostly UTF-8 feed has a stray byte, and reads that byte as windows-1252', () => {
    const bytes = Buffer.concat([Buffer.from('<rss><title>稀土 “magnets” – café don'), Buffer.from([0x92]), Buffer.from('t</title></rss>')]);
    expect(decodeFeedBytes(bytes, undefined)).toEqual({ charset: 'utf-8', text: '<rss><title>稀土 “magnets” – café don’t</title></rss>' });
  });

  it('decodes all of windows-1252 as the WHATWG encoding standard does, undefined bytes included', () => {
    const bytes = Buffer.from([0x80, 0x81, 0x8d, 0x92, 0x93, 0x94, 0x96, 0x9f, 0xa0, 0xe9]);
    expect(decodeFeedBytes(bytes, 'text/xml; charset=windows-1252').text).toBe('€\u0081\u008d’“”–Ÿ\u00a0é');
  });

  it('decodes a label only iconv-lite knows (cp437)', () => {
    expect(decodeFeedBytes(Buffer.from([0x3c, 0x82, 0x9c, 0x3e]), 'text/xml; charset=cp437')).toEqual({ charset: 'cp437', text: '<é£>' });
  });

  it('decodes a gbk label with the gb18030 decoder, as browsers do', () => {
    const bytes = iconv.encode('<rss><title>稀土 €</title></rss>', 'gb18030');
    expect(decodeFeedBytes(bytes, 'text/xml; charset=gbk')).toEqual({ charset: 'gbk', text: '<rss><title>稀土 €</title></rss>' });
  });
});

describe('charsetFromContentType', () => {
  test.each([
    ['application/rss+xml; charset=UTF-8', 'UTF-8'],
    ['text/xml;charset="ISO-8859-1"', 'ISO-8859-1'],
    ["text/xml; charset='gb2312'; foo=bar", 'gb2312'],
    ['text/xml', undefined],
    [null, undefined],
  ])('reads %p', (header, expected) => {
    expect(charsetFromContentType(header)).toBe(expected);
  });
});

describe('resolveCharset', () => {
  test.each([
    ['gb2312', 'gbk'],
    ['GBK', 'gbk'],
    ['x-sjis', 'shift_jis'],
    ['Shift_JIS', 'shift_jis'],
    ['cp932', 'shift_jis'],
    ['euc-jp', 'euc-jp'],
    ['iso-8859-1', 'windows-1252'],
    ['latin1', 'windows-1252'],
    ['utf8', 'utf-8'],
    ['x-bogus', undefined],
    ['CP850', 'cp850'],
    ['hz-gb-2312', undefined],
  ])('maps %s to %p', (label, expected) => {
    expect(resolveCharset(label)).toBe(expected);
  });
});
