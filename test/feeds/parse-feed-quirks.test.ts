import type { FeedSource } from '../../src/feeds/feed-source';
import type { NewsItem } from '../../src/feeds/news-item';
import { MAX_ITEMS_PER_FEED, parseFeed } from '../../src/feeds/parse-feed';
import { raw, rss2 } from '../support/feed-builders';

const now = new Date('2026-09-16T00:00:00Z');
const feedFor = (url: string): FeedSource => ({ id: 'test-feed', name: 'Test Feed', url });

async function parsedItems(text: string): Promise<NewsItem[]> {
  const outcome = await parseFeed(text, feedFor('https://news.example.com/feed/'), now);
  if (outcome.kind !== 'parsed') throw new Error(`expected a parsed feed, got: ${outcome.reason}`);
  return outcome.items;
}

describe('parseFeed on built feeds', () => {
  it('treats a feed with zero items as parsed and empty', async () => {
    expect(await parsedItems(rss2({ title: 'Quiet', items: [] }))).toEqual([]);
  });

  it('accepts <rss> without a version attribute', async () => {
    const text = '<rss><channel><title>Old</title><item><title>Cerium</title><guid>c-1</guid></item></channel></rss>';
    expect((await parsedItems(text)).map((item) => item.id)).toEqual(['c-1']);
  });

  it(`keeps at most ${MAX_ITEMS_PER_FEED} items`, async () => {
    const items = Array.from({ length: MAX_ITEMS_PER_FEED + 20 }, (_, index) => ({ title: `Item ${index}`, guid: `g-${index}` }));
    expect(await parsedItems(rss2({ title: 'Busy', items }))).toHaveLength(MAX_ITEMS_PER_FEED);
  });

  it('keeps the item id when only the summary changes', async () => {
    const build = (description: string): string =>
      rss2({ title: 'T', items: [{ title: 'Neodymium quota raised', pubDate: 'Tue, 15 Sep 2026 01:00:00 GMT', description }] });
    const [before] = await parsedItems(build('First excerpt.'));
    const [after] = await parsedItems(build('Rewritten excerpt with more detail.'));
    expect(after?.id).toBe(before?.id);
    expect(after?.summary).not.toBe(before?.summary);
  });

  test.each([
    ['a double-escaped ampersand, decoded once', raw('<![CDATA[Lynas &amp;amp; MP]]>'), 'Lynas &amp; MP'],
    ['tags inside the title', raw('Heavy <b>rare earth</b> news'), 'Heavy rare earth news'],
    ['tags and CDATA mixed inside the title', raw('Heavy <i>rare</i> <![CDATA[earth &amp; <b>NdPr</b>]]>'), 'Heavy rare earth & NdPr'],
    ['&nbsp; between words', raw('JOGMEC&nbsp;deal'), 'JOGMEC deal'],
    ['escaped tag-like text, stripped like any HTML title', 'Lynas & MP <Materials>', 'Lynas & MP'],
  ])('reads a title with %s', async (_case, title, expected) => {
    const [item] = await parsedItems(rss2({ title: 'T', items: [{ title, guid: 'g' }] }));
    expect(item?.title).toBe(expected);
  });
});

describe('parseFeed on broken structure', () => {
  it('stays linear on hostile input full of unclosed elements', async () => {
    // About 1 MB: linear work takes well under a second; anything quadratic would take many minutes and
    // run into this test's timeout. No stopwatch: a busy machine may take ten times as long, honestly.
    const junk = `${'<title><b>x<!--<script<link <published>'.repeat(20_000)}<title>${'<![CDATA[<i>'.repeat(20_000)}</title>`;
    for (const root of ['<rss version="2.0"><channel>', '<feed xmlns="http://www.w3.org/2005/Atom">']) {
      expect((await parseFeed(`${root}${junk}`, feedFor('https://e.com/feed'), now)).kind).toBe('failed');
    }
  }, 120_000);


  it('fails on an <rss> without a channel with a one-line reason', async () => {
    const outcome = await parseFeed('<rss version="2.0"></rss>', feedFor('https://e.com/feed'), now);
    expect(outcome).toEqual({ kind: 'failed', reason: "unexpected feed structure: Cannot read properties of undefined (reading '0')" });
  });

  it('fails on an unknown root element', async () => {
    const outcome = await parseFeed('<channel><item/></channel>', feedFor('https://e.com/feed'), now);
    expect(outcome).toEqual({ kind: 'failed', reason: 'invalid feed XML: Feed not recognized as RSS 1 or 2.' });
  });
});
