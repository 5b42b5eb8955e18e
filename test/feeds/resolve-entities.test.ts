import { MAX_TOTAL_ENTITY_CHARS } from '../../src/feeds/doctype-entities';
import { resolveEntities } from '../../src/feeds/resolve-entities';

const laughs = (levels: number) =>
  `<!DOCTYPE rss [<!ENTITY l0 "lol">${Array.from({ length: levels }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('')}]>`;

describe('resolveEntities', () => {
  test.each([
    ['HTML5 named entities as decimal references', '<t>a&nbsp;b&Tab;c&hellip;</t>', '<t>a&#160;b&#9;c&#8230;</t>'],
    ['a two-code-point entity as two references', '<t>&NotEqualTilde;</t>', '<t>&#8770;&#824;</t>'],
    ['the five XML entities as they are', '<t>&amp;&lt;&gt;&quot;&apos;</t>', '<t>&amp;&lt;&gt;&quot;&apos;</t>'],
    ['an escaped entity as the literal text it is', '<t>&amp;nbsp;</t>', '<t>&amp;nbsp;</t>'],
    ['an unknown entity as text', '<t>&foo; &bar.baz;</t>', '<t>&amp;foo; &amp;bar.baz;</t>'],
    ['C1 references as windows-1252 characters', '<t>&#146;&#x80;&#X93;&#150;</t>', '<t>&#8217;&#8364;&#8220;&#8211;</t>'],
    ['other numeric references in decimal', '<t>&#x2019;&#233;</t>', '<t>&#8217;&#233;</t>'],
    ['impossible code points as U+FFFD', '<t>&#0;&#xD800;&#1114112;</t>', '<t>&#65533;&#65533;&#65533;</t>'],
    ['control characters XML forbids as nothing', '<t>a&#1;b&#x1F;c</t>', '<t>abc</t>'],
    ['entities inside attribute values', '<a href="x?a=1&nbsp;"/>', '<a href="x?a=1&#160;"/>'],
    ['CDATA sections untouched', '<t><![CDATA[&nbsp; &foo;]]>&nbsp;</t>', '<t><![CDATA[&nbsp; &foo;]]>&#160;</t>'],
    ['comments and processing instructions untouched', '<?pi &foo;?><!-- &nbsp; --><t/>', '<?pi &foo;?><!-- &nbsp; --><t/>'],
    ['a stray ampersand as it is (the parser retry escapes it)', '<t>R&D & co</t>', '<t>R&D & co</t>'],
    ['an unclosed CDATA section as it is', '<t><![CDATA[&nbsp;</t>', '<t><![CDATA[&nbsp;</t>'],
  ])('writes %s', (_case, input, output) => {
    expect(resolveEntities(input)).toBe(output);
  });

  test.each([
    ['expands internal entities and drops the subset', '<!DOCTYPE rss [<!ENTITY co "Lynas &amp; Co">]><t>&co;</t>', '<t>Lynas &#38; Co</t>'],
    ['expands entities inside entities', '<!DOCTYPE rss [<!ENTITY a "A"><!ENTITY b "&a;&a;&#8212;">]><t>&b;</t>', '<t>AA—</t>'],
    ['escapes markup in a replacement text', '<!DOCTYPE rss [<!ENTITY m "<b>x</b>">]><t>&m;</t>', '<t>&#60;b&#62;x&#60;/b&#62;</t>'],
    ['keeps the first of two declarations', '<!DOCTYPE rss [<!ENTITY a "one"><!ENTITY a "two">]><t>&a;</t>', '<t>one</t>'],
    ['never reads external entities', '<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd"><!ENTITY y PUBLIC "p" "http://h/">]><t>&x;&y;</t>', '<t>&amp;x;&amp;y;</t>'],
    ['ignores parameter entities', '<!DOCTYPE rss [<!ENTITY % p "<!ENTITY q \'Q\'>"> %p;]><t>&q;</t>', '<t>&amp;q;</t>'],
    ['leaves a recursive entity as text', '<!DOCTYPE rss [<!ENTITY a "&b;"><!ENTITY b "&a;">]><t>&a;</t>', '<t>&amp;a;</t>'],
    ['keeps a DOCTYPE without a subset', '<!DOCTYPE rss SYSTEM "rss.dtd"><t>&eacute;</t>', '<!DOCTYPE rss SYSTEM "rss.dtd"><t>é</t>'],
  ])('%s', (_case, input, output) => {
    expect(resolveEntities(input).replace(/&#(\d+);/g, (ref, code: string) => (Number(code) > 0x7f ? String.fromCodePoint(Number(code)) : ref))).toBe(output);
  });

  it('neutralises a billion-laughs document: the huge entity stays as text, small ones expand', () => {
    const out = resolveEntities(`${laughs(9)}<rss><t>&l9;</t><s>&l1;</s></rss>`);
    expect(out).toBe(`<rss><t>&amp;l9;</t><s>${'lol'.repeat(10)}</s></rss>`);
  });

  it('refuses an entity that refers many times to a large one, before building it', () => {
    const big = 'x'.repeat(10_000);
    const wide = '&big;'.repeat(200_000);
    const out = resolveEntities(`<!DOCTYPE rss [<!ENTITY big "${big}"><!ENTITY wide "${wide}">]><t>&wide;</t><u>&big;</u>`);
    expect(out).toBe(`<t>&amp;wide;</t><u>${big}</u>`);
  });

  it('stops expanding once a document has spent its entity budget', () => {
    const refs = '&l3;'.repeat(Math.ceil(MAX_TOTAL_ENTITY_CHARS / 3000) + 10);
    const out = resolveEntities(`${laughs(3)}<t>${refs}</t>`);
    expect(out.length).toBeLessThan(MAX_TOTAL_ENTITY_CHARS + refs.length * 3);
    expect(out).toContain('&amp;l3;');
    expect(out).toContain('lol'.repeat(1000));
  });
});
