import { boundId, boundItemText, boundText, ITEM_TEXT_LIMITS, MAX_COMBINING_MARKS } from '../../src/feeds/bound-item-text';
import type { NewsItem } from '../../src/feeds/news-item';
import { normaliseItem } from '../../src/feeds/normalise-item';

const feed = { id: 'desk', name: 'Rare Earth Desk', url: 'https://news.example.com/feed/' };
const now = new Date('2026-09-16T00:00:00Z');
const MARKS = '\u0301\u0316';

const item = (fields: Partial<NewsItem>): NewsItem => ({
  feedId: 'desk',
  source: 'Rare Earth Desk',
  id: 'g-1',
  title: 'Terbium stockpile grows',
  summary: 'Dysprosium too.',
  categories: [],
  link: 'https://news.example.com/a',
  canonicalLink: 'https://news.example.com/a',
  firstSeen: now.toISOString(),
  ...fields,
});

describe('boundText', () => {
  test.each([
    ['short text as it is', 'Lynas lifts NdPr output', 1000, 'Lynas lifts NdPr output'],
    ['a long run of one character, cut and marked', '!'.repeat(200_000), 10, `${'!'.repeat(9)}…`],
    ['long text at a word near the limit', 'dysprosium terbium neodymium praseodymium', 30, 'dysprosium terbium neodymium…'],
    ['two accents on a letter as they are', `Se${MARKS}rra`, 100, `Se${MARKS}rra`],
    ['a letter under 200,000 marks, keeping the first 30', `a${MARKS.repeat(100_000)}`, 1000, `a${MARKS.repeat(MAX_COMBINING_MARKS / 2)}`],
    ['every over-long run of marks, keeping the text around them', `x${MARKS.repeat(40)} y${'\u0301'.repeat(31)} z`, 1000, `x${MARKS.repeat(15)} y${'\u0301'.repeat(30)} z`],
  ])('gives %s', (_case, text, maxChars, expected) => {
    expect(boundText(text, maxChars)).toBe(expected);
  });
});

describe('boundId', () => {
  it('keeps ids up to the limit as they are', () => {
    const id = `urn:${'g'.repeat(ITEM_TEXT_LIMITS.idChars - 4)}`;
    expect(boundId(id)).toBe(id);
    expect(boundId('g-1')).toBe('g-1');
  });

  it('turns a longer id into a short one that is the same for the same id and differs for another', () => {
    const long = `urn:wire:${'g'.repeat(2_400_000)}`;
    const bounded = boundId(long);
    expect(bounded.length).toBeLessThan(300);
    expect(bounded).toMatch(/^urn:wire:g+…#sha256:[0-9a-f]{64}$/);
    expect(boundId(`urn:wire:${'g'.repeat(2_400_000)}`)).toBe(bounded);
    expect(boundId(`${long}h`)).not.toBe(bounded);
  });
});

describe('boundItemText', () => {
  it('cuts every text field of an item to its limit', () => {
    const bounded = boundItemText(
      item({
        title: 'T'.repeat(200_000),
        summary: 'S'.repeat(200_000),
        categories: [...Array.from({ length: 100 }, (_, i) => `cat-${i}`), 'C'.repeat(50_000)],
        publisher: 'P'.repeat(50_000),
      }),
    );
    expect(bounded.title.length).toBeLessThanOrEqual(ITEM_TEXT_LIMITS.titleChars);
    expect(bounded.summary.length).toBeLessThanOrEqual(ITEM_TEXT_LIMITS.summaryChars);
    expect(bounded.categories).toHaveLength(ITEM_TEXT_LIMITS.categories);
    expect(bounded.categories[0]).toBe('cat-0');
    expect(bounded.publisher?.length).toBeLessThanOrEqual(ITEM_TEXT_LIMITS.titleChars);
  });

  it('drops a link too long to be shown, rather than cutting it into another address', () => {
    const long = `https://news.example.com/${'l'.repeat(2_400_000)}`;
    expect(boundItemText(item({ link: long, canonicalLink: long }))).toMatchObject({ link: '', canonicalLink: '' });
    expect(boundItemText(item({}))).toEqual(item({}));
  });
});

describe('normaliseItem with hostile fields', () => {
  it('bounds the title before it keys an item without guid or link', () => {
    const raw = { title: `a${MARKS.repeat(100_000)}`, pubDate: 'Sat, 12 Sep 2026 11:00:00 GMT' };
    const normalised = normaliseItem(raw, feed, now);
    expect(normalised.title).toBe(`a${MARKS.repeat(15)}`);
    expect(normalised.id).toMatch(/^hash:[0-9a-f]{40}$/);
    expect(normaliseItem(raw, feed, now).id).toBe(normalised.id);
  });

  it('keys an item with a 2.4 MB guid on a short id that is stable across fetches', () => {
    const raw = { guid: `urn:wire:${'g'.repeat(2_400_000)}`, link: `https://news.example.com/${'l'.repeat(2_400_000)}`, title: 'Terbium' };
    const normalised = normaliseItem(raw, feed, now);
    expect(normalised.id.length).toBeLessThan(300);
    expect(normalised.link).toBe('');
    expect(normaliseItem({ ...raw }, feed, now).id).toBe(normalised.id);
  });
});
