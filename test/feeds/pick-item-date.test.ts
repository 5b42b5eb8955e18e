import { pickItemDate } from '../../src/feeds/pick-item-date';

const now = new Date('2026-09-16T00:00:00Z');

describe('pickItemDate', () => {
  test.each([
    ['an RSS pubDate', { pubDate: 'Tue, 15 Sep 2026 10:00:00 +08:00' }, '2026-09-15T02:00:00.000Z'],
    ['dc:date as rss-parser names it', { date: '2026-09-10T15:00:00+09:00' }, '2026-09-10T06:00:00.000Z'],
    ['dc:date under its own name', { 'dc:date': '2026-09-10T15:00:00+09:00' }, '2026-09-10T06:00:00.000Z'],
    ['dcterms:issued', { 'dcterms:issued': '2026-09-11T08:00:00Z' }, '2026-09-11T08:00:00.000Z'],
    ['dcterms:created', { 'dcterms:created': '2026-09-11T08:00:00Z' }, '2026-09-11T08:00:00.000Z'],
    ['dcterms:modified', { 'dcterms:modified': '2026-09-11T08:00:00Z' }, '2026-09-11T08:00:00.000Z'],
    ['dcterms:date', { 'dcterms:date': '2026-09-11' }, '2026-09-11T00:00:00.000Z'],
    ['Atom 0.3 issued', { issued: '2026-09-12T09:30:00-04:00' }, '2026-09-12T13:30:00.000Z'],
    ['Atom 0.3 created', { created: '2026-09-12T09:30:00Z' }, '2026-09-12T09:30:00.000Z'],
    ['Atom 0.3 modified', { modified: '2026-09-12T09:30:00Z' }, '2026-09-12T09:30:00.000Z'],
    ['an element with attributes', { 'dcterms:issued': { _: '2026-09-11T08:00:00Z', $: { 'xsi:type': 'dcterms:W3CDTF' } } }, '2026-09-11T08:00:00.000Z'],
    ['publication before modification', { modified: '2026-09-14T00:00:00Z', issued: '2026-09-12T00:00:00Z' }, '2026-09-12T00:00:00.000Z'],
    ['pubDate before dc:date', { pubDate: 'Sat, 12 Sep 2026 00:00:00 GMT', date: '2026-09-13T00:00:00Z' }, '2026-09-12T00:00:00.000Z'],
    ['the next field when pubDate is unreadable', { pubDate: 'soon', 'dcterms:issued': '2026-09-11T08:00:00Z' }, '2026-09-11T08:00:00.000Z'],
    ['the next field when pubDate is in the ambiguous CST', { pubDate: 'Fri, 11 Sep 2026 08:00:00 CST', 'dc:date': '2026-09-11T08:00:00+08:00' }, '2026-09-11T00:00:00.000Z'],
    ['the next field when pubDate is a typo years ahead', { pubDate: 'Fri, 11 Sep 2062 08:00:00 GMT', modified: '2026-09-11T08:00:00Z' }, '2026-09-11T08:00:00.000Z'],
    ['a date minutes ahead (clock skew, a long cycle)', { pubDate: 'Wed, 16 Sep 2026 00:45:00 GMT' }, '2026-09-16T00:45:00.000Z'],
    ['a date exactly an hour ahead', { pubDate: 'Wed, 16 Sep 2026 01:00:00 GMT' }, '2026-09-16T01:00:00.000Z'],
    ['isoDate when there is no date text', { isoDate: '2026-09-10T06:00:00.000Z' }, '2026-09-10T06:00:00.000Z'],
    ['nothing from an unreadable date', { pubDate: 'soon' }, undefined],
    ['nothing from an impossible date', { pubDate: 'Mon, 30 Feb 2026 10:00:00 GMT' }, undefined],
    ['nothing from a date years ahead', { pubDate: 'Tue, 15 Sep 2062 10:00:00 GMT' }, undefined],
    ['nothing from a date a day ahead', { pubDate: 'Thu, 17 Sep 2026 00:00:00 GMT' }, undefined],
    ['nothing from a local time labelled GMT, eight hours ahead', { pubDate: 'Wed, 16 Sep 2026 08:00:00 GMT' }, undefined],
    ['nothing from a date just over an hour ahead', { pubDate: 'Wed, 16 Sep 2026 01:00:01 GMT' }, undefined],
    ["nothing from rss-parser's isoDate when the feed's own text is unreadable", { pubDate: 'Fri, 11 Sep 2026 08:00:00 CST', isoDate: '2026-09-11T14:00:00.000Z' }, undefined],
    ['nothing from an item without dates', {}, undefined],
  ])('reads %s', (_case, item, expected) => {
    expect(pickItemDate(item, now).published).toBe(expected);
  });

  it('keeps the first date text, readable or not, for items identified by title and date', () => {
    expect(pickItemDate({ pubDate: ' soon ', modified: '2026-09-11T08:00:00Z' }, now).rawDate).toBe('soon');
    expect(pickItemDate({}, now).rawDate).toBe('');
  });
});
