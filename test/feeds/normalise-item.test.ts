import { normaliseItem } from '../../src/feeds/normalise-item';

const feed = { id: 'desk', name: 'Rare Earth Desk', url: 'https://news.example.com/feed/' };
const now = new Date('2026-09-16T00:00:00Z');

describe('normaliseItem', () => {
  test.each([
    ['the guid first', { guid: ' g-1 ', id: 'atom-1', link: 'https://e.com/a' }, 'g-1'],
    ['the Atom id without a guid', { id: 'tag:e.com,2026:1', link: 'https://e.com/a' }, 'tag:e.com,2026:1'],
    ['rdf:about without a guid', { 'rdf:about': 'https://e.com/rdf/1', link: 'https://e.com/a' }, 'https://e.com/rdf/1'],
    ['the canonical link when the guid is empty', { guid: '', link: 'https://www.e.com/a/?utm_source=rss' }, 'https://e.com/a'],
    ['the canonical link when the guid is blank', { guid: '   ', link: 'http://e.com/a' }, 'https://e.com/a'],
    ['the canonical link when the guid is attributes only', { guid: { $: { isPermaLink: 'false' } }, link: 'https://e.com/a' }, 'https://e.com/a'],
    ['a_id when there is no link', { a_id: '512301', title: 'x' }, 'a_id:512301'],
  ])('keys an item on %s', (_rule, raw, expected) => {
    expect(normaliseItem(raw, feed, now).id).toBe(expected);
  });

  it('falls back to a hash of title and date that ignores the summary', () => {
    const first = normaliseItem({ title: 'NdPr steady', pubDate: 'Sat, 12 Sep 2026 11:00:00 GMT', content: 'one' }, feed, now);
    const edited = normaliseItem({ title: ' NdPr  steady ', pubDate: 'Sat, 12 Sep 2026 11:00:00 GMT', content: 'two' }, feed, now);
    const otherDay = normaliseItem({ title: 'NdPr steady', pubDate: 'Sun, 13 Sep 2026 11:00:00 GMT' }, feed, now);
    expect(first.id).toMatch(/^hash:[0-9a-f]{40}$/);
    expect(edited.id).toBe(first.id);
    expect(otherDay.id).not.toBe(first.id);
  });

  it('keys an item on the link as the feed gave it, while showing the clean one', () => {
    const item = normaliseItem({ link: 'https://www.e.com/a/?ref=home&utm_source=rss#top' }, feed, now);
    expect(item).toMatchObject({ link: 'https://www.e.com/a/?ref=home', canonicalLink: 'https://e.com/a', id: 'https://e.com/a' });
  });

  test.each([
    ['an Atom xhtml title object', { title: { div: [{ _: 'Terbium', em: ['stockpile'] }] } }, 'Terbium stockpile'],
    ['a CDATA title with entities and tags', { title: 'Lynas &amp; MP <b>lift</b> output' }, 'Lynas & MP lift output'],
    ['a missing title', {}, ''],
  ])('reads the title from %s', (_shape, raw, expected) => {
    expect(normaliseItem(raw, feed, now).title).toBe(expected);
  });

  test.each([
    ['trims and resolves a relative link', { link: '  /2026/09/a  ' }, 'https://news.example.com/2026/09/a'],
    [
      'unwraps a Bing click link',
      { link: 'http://www.bing.com/news/apiclick.aspx?tid=X&url=https%3a%2f%2fwire.example.com%2fa&c=1' },
      'https://wire.example.com/a',
    ],
    ['uses a URL-shaped guid when there is no link', { guid: 'https://e.com/p/1' }, 'https://e.com/p/1'],
    ['ignores a non-URL guid', { guid: 'CBMiTOKEN' }, ''],
    ['drops a javascript: link', { link: 'javascript:void(0)' }, ''],
    ['removes tracking parameters and the fragment, keeping real parameters', { link: 'https://www.e.com/a/?utm_source=rss&id=3&fbclid=x#top' }, 'https://www.e.com/a/?id=3'],
    ['unwraps a Google redirect', { link: 'https://www.google.com/url?rct=j&sa=t&url=https://wire.example.com/a&usg=x' }, 'https://wire.example.com/a'],
    [
      'prefers an Atom HTML alternate to self and enclosure links',
      { links: [{ $: { rel: 'self', href: '/self' } }, { $: { rel: 'enclosure', href: '/x.pdf' } }, { $: { rel: 'alternate', type: 'text/html', href: '/article' } }] },
      'https://news.example.com/article',
    ],
    [
      'prefers an Atom link without rel to a PDF alternate',
      { links: [{ $: { rel: 'alternate', type: 'application/pdf', href: '/a.pdf' } }, { $: { href: '/article' } }] },
      'https://news.example.com/article',
    ],
  ])('link: %s', (_behaviour, raw, expected) => {
    expect(normaliseItem(raw, feed, now).link).toBe(expected);
  });

  test.each([
    ['isoDate-equivalent RFC 822', { pubDate: 'Tue, 15 Sep 2026 18:26:02 +0000' }, '2026-09-15T18:26:02.000Z'],
    ['a JST pubDate that rss-parser cannot read', { pubDate: 'Fri, 11 Sep 2026 09:30:00 JST' }, '2026-09-11T00:30:00.000Z'],
    ['an RDF dc:date', { date: '2026-09-10T15:00:00+09:00' }, '2026-09-10T06:00:00.000Z'],
    ['isoDate when there is no raw date', { isoDate: '2026-09-10T06:00:00.000Z' }, '2026-09-10T06:00:00.000Z'],
    ['nothing from an unreadable date', { pubDate: 'soon' }, undefined],
    ['nothing from a date more than a day ahead', { pubDate: 'Fri, 18 Sep 2026 00:00:00 GMT' }, undefined],
    ['nothing from a date five hours ahead (a wrong zone, not clock skew)', { pubDate: 'Wed, 16 Sep 2026 05:00:00 GMT' }, undefined],
    ['a date half an hour ahead (clock skew)', { pubDate: 'Wed, 16 Sep 2026 00:30:00 GMT' }, '2026-09-16T00:30:00.000Z'],
    ['an Atom 0.3 issued date', { issued: '2026-09-12T09:30:00-04:00' }, '2026-09-12T13:30:00.000Z'],
    ['dcterms:issued when pubDate is unreadable', { pubDate: 'soon', 'dcterms:issued': '2026-09-11T08:00:00Z' }, '2026-09-11T08:00:00.000Z'],
  ])('published: %s', (_behaviour, raw, expected) => {
    expect(normaliseItem(raw, feed, now).published).toBe(expected);
  });

  it('reads categories of every shape as plain strings without duplicates', () => {
    const raw = { categoryElements: ['Rare Earths', { _: 'Dysprosium', $: { domain: 'c' } }, { $: { term: 'ndpr', label: 'NdPr' } }, 'Rare Earths', ''] };
    expect(normaliseItem(raw, feed, now).categories).toEqual(['Rare Earths', 'Dysprosium', 'NdPr']);
  });

  it('takes the longest text among description and content:encoded, capped at 2000 characters', () => {
    const long = `<p>${'terbium '.repeat(400)}</p>`;
    const item = normaliseItem({ content: 'Short excerpt&#8230;', 'content:encoded': long }, feed, now);
    expect(item.summary.startsWith('terbium terbium')).toBe(true);
    expect(item.summary.length).toBeLessThanOrEqual(2000);
  });

  it('names the aggregator publisher, and stamps feed, source and first-seen time', () => {
    const item = normaliseItem({ title: 'Lynas output rises - Example Times', source: 'Example Times' }, feed, now);
    expect(item).toMatchObject({ feedId: 'desk', source: 'Rare Earth Desk', publisher: 'Example Times', firstSeen: '2026-09-16T00:00:00.000Z' });
    expect(item.title).toBe('Lynas output rises - Example Times');
  });

  test.each([[undefined], [null], ['a string'], [42], [[1, 2]]])('survives a raw item of %p', (raw) => {
    expect(normaliseItem(raw, feed, now)).toMatchObject({ title: '', link: '', id: expect.stringMatching(/^hash:/) });
  });
});
