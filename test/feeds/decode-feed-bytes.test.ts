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
    ['hz-gb-2312', undefined],
  ])('maps %s to %p', (label, expected) => {
    expect(resolveCharset(label)).toBe(expected);
  });
});
