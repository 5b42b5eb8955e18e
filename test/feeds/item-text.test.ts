import { coerceText, htmlToText, truncateText } from '../../src/feeds/item-text';

describe('coerceText', () => {
  test.each([
    ['a string as it is', ' Lynas ', ' Lynas '],
    ['undefined as ""', undefined, ''],
    ['null as ""', null, ''],
    ['a number as digits', 512301, '512301'],
    ['an xml2js text node with attributes as its text', { _: 'Dysprosium', $: { domain: 'x' } }, 'Dysprosium'],
    ['attributes alone as ""', { $: { isPermaLink: 'false' } }, ''],
    ['an array as its parts joined', ['Heavy', { _: 'rare earth' }], 'Heavy rare earth'],
    ['a nested object by collecting its text', { div: [{ _: 'Terbium', em: ['stockpile'] }] }, 'Terbium stockpile'],
  ])('reads %s', (_shape, input, expected) => {
    expect(coerceText(input)).toBe(expected);
  });
});

describe('htmlToText', () => {
  test.each([
    ['decodes a double-escaped ampersand exactly once', 'Iluka &amp;amp; Arafura', 'Iluka &amp; Arafura'],
    ['decodes entities from CDATA', 'Lynas &amp; MP&#8217;s plan', 'Lynas & MP’s plan'],
    ['keeps words inside inline tags', 'Heavy <b>rare earth</b> news', 'Heavy rare earth news'],
    ['separates block elements', '<p>NdPr</p><p>oxide</p>', 'NdPr oxide'],
    ['turns &nbsp; into a plain space', 'JOGMEC&nbsp;deal', 'JOGMEC deal'],
    ['turns U+00A0 into a plain space', 'JOGMEC\u00a0deal', 'JOGMEC deal'],
    ['folds runs of whitespace and trims', '  Lynas \n\t output  ', 'Lynas output'],
    ['drops scripts, styles and comments', 'a<script>var x = "<b>";</script><!-- note --><STYLE>p{}</STYLE> b', 'a b'],
    ['drops an unclosed comment to the end', 'a <!-- b <b>c', 'a'],
    ['leaves a lone less-than sign alone', 'grades <5% TREO', 'grades <5% TREO'],
    ['strips tags before decoding, so escaped markup stays visible', '&lt;b&gt;x&lt;/b&gt;', '<b>x</b>'],
    ['gives "" for empty input', '', ''],
  ])('%s', (_behaviour, input, expected) => {
    expect(htmlToText(input)).toBe(expected);
  });
});

describe('truncateText', () => {
  it('keeps short text as it is', () => {
    expect(truncateText('short', 10)).toBe('short');
  });

  it('cuts long text at a word boundary and marks the cut', () => {
    const cut = truncateText('dysprosium terbium neodymium praseodymium', 30);
    expect(cut).toBe('dysprosium terbium neodymium…');
    expect(cut.length).toBeLessThanOrEqual(30);
  });
});
