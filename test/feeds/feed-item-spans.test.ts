import { joinFeedItems, splitFeedItems } from '../../src/feeds/feed-item-spans';
import { atom, raw, rdf, rss2 } from '../support/feed-builders';

const wrap = (items: string) => `<?xml version="1.0"?>\n<rss version="2.0"><channel><title>T</title>${items}</channel></rss>`;

describe('splitFeedItems', () => {
  it.each([
    ['RSS 2.0', rss2({ title: 'T', items: [{ title: 'Lynas ships NdPr', guid: 'a' }, { title: 'JOGMEC funds Sojitz', guid: 'b' }] }), ['Lynas ships NdPr', 'JOGMEC funds Sojitz']],
    ['Atom', atom({ title: 'T', entries: [{ title: 'Terbium rises', id: 'x' }, { title: 'Dysprosium falls', id: 'y' }] }), ['Terbium rises', 'Dysprosium falls']],
    ['RSS 1.0', rdf({ title: 'T', items: [{ about: 'https://n.example/1', title: 'NdPr futures' }] }), ['NdPr futures']],
    ['CDATA holding an item end tag', wrap('<item><title>A</title><description><![CDATA[closing </item> in text]]></description></item><item><title>B</title></item>'), ['A', 'B']],
    ['a comment holding an item', wrap('<!-- <item>old</item> --><item><title>A</title></item>'), ['A']],
    ['an attribute holding ">"', wrap('<item rdf:about="https://n.example/?a>b"><title>A</title></item>'), ['A']],
    ['a self-closing item', wrap('<item/><item><title>B</title></item>'), ['<item/>', 'B']],
    ['a stray "<" in text', wrap('<item><title>A < B</title></item>'), ['A < B']],
  ])('cuts %s into its items, and joins back to the same document', (_name, xml, expected) => {
    const spans = splitFeedItems(xml);
    expect(spans?.items.map((item) => /<title[^>]*>(.*?)<\/title>/s.exec(item)?.[1] ?? item)).toEqual(expected);
    expect(joinFeedItems(spans!, () => true)).toBe(xml);
  });

  it('leaves out the items not kept, and keeps everything around them', () => {
    const xml = rss2({ title: 'T', items: [{ title: 'one', guid: '1' }, { title: 'two', guid: '2' }, { title: 'three', guid: '3' }] });
    const joined = joinFeedItems(splitFeedItems(xml)!, (i) => i === 1);
    expect(joined).toContain('<title>two</title>');
    expect(joined).not.toContain('<title>one</title>');
    expect(joined).not.toContain('<title>three</title>');
    expect(joined).toMatch(/^<\?xml[\s\S]*<channel>\s*<title>T<\/title>[\s\S]*<\/channel><\/rss>$/);
  });

  it.each([
    ['an item inside an item', wrap('<item><title>A</title><item><title>B</title></item></item>')],
    ['an item that never closes (truncated)', wrap('<item><title>A</title></item><item><title>B</title>').replace('</channel></rss>', '')],
    ['a CDATA section that never closes', wrap('<item><description><![CDATA[cut off</description></item>')],
    ['a DOCTYPE declaring entities', `<!DOCTYPE rss [<!ENTITY e "<item>x</item>">]>${wrap('<item><title>A</title></item>')}`],
    ['an end tag that does not match', wrap('<item><title>A</title></entry>')],
    ['no items at all', wrap('')],
    ['a tag cut off in the middle', wrap('<item><title>A</title></item><item ')],
  ])('gives up on %s, so the whole document is parsed', (_name, xml) => {
    expect(splitFeedItems(xml)).toBeUndefined();
  });

  it('takes text wrapped with raw() as markup, not as items', () => {
    const xml = rss2({ title: 'T', items: [{ title: raw('<![CDATA[<item> in a title]]>'), guid: 'a' }] });
    expect(splitFeedItems(xml)?.items).toHaveLength(1);
  });
});
