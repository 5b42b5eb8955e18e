import type { Alert, AlertTopic } from '../../src/delivery/alert';
import type { NewsItem } from '../../src/feeds/news-item';
import type { TermHit, TextField } from '../../src/rules/compile-rule-set';

export const ROLE_ID = '222222222222222222';

export function makeItem(overrides: Partial<NewsItem> = {}): NewsItem {
  return {
    feedId: 'mining-wire',
    source: 'Mining Wire',
    id: 'story-1',
    title: 'Japan adds dysprosium to its strategic stockpile',
    summary: 'Tokyo said on Tuesday it will hold more dysprosium and terbium, two heavy rare earths used in motor magnets.',
    categories: [],
    link: 'https://news.example.com/2025/03/stockpile',
    canonicalLink: 'news.example.com/2025/03/stockpile',
    published: '2025-03-04T05:06:07Z',
    firstSeen: '2025-03-04T06:00:00Z',
    ...overrides,
  };
}

export function makeTopic(overrides: Partial<AlertTopic> = {}): AlertTopic {
  return { id: 'heavy-ree', name: 'Heavy rare earths', colour: 0xc0392b, terms: ['dysprosium', 'terbium'], ...overrides };
}

/** An alert whose hits are every occurrence of the topics' terms in the item, as the matcher would report them. */
export function makeAlert(overrides: { item?: Partial<NewsItem>; topics?: AlertTopic[]; mentionRoleId?: string; hits?: TermHit[] } = {}): Alert {
  const item = makeItem(overrides.item);
  const topics = overrides.topics ?? [makeTopic()];
  const terms = [...new Set(topics.flatMap((topic) => topic.terms))];
  const hits = overrides.hits ?? [
    ...findHits('title', item.title, terms),
    ...findHits('summary', item.summary, terms),
    ...item.categories.flatMap((category, index) => findHits('categories', category, terms, index)),
  ];
  const alert: Alert = { id: `c1:${item.id}`, guildId: 'g1', channelId: 'c1', item, topics, hits, createdAt: '2025-03-04T06:00:01Z' };
  if (overrides.mentionRoleId !== undefined) alert.mentionRoleId = overrides.mentionRoleId;
  return alert;
}

/** Every case-insensitive occurrence of each term in `text`. */
export function findHits(field: TextField, text: string, terms: readonly string[], index = 0): TermHit[] {
  const lower = text.toLowerCase();
  return terms.flatMap((term) => {
    const hits: TermHit[] = [];
    for (let at = lower.indexOf(term.toLowerCase()); at !== -1; at = lower.indexOf(term.toLowerCase(), at + 1)) {
      hits.push({ term, field, index, start: at, end: at + term.length });
    }
    return hits;
  });
}

/** Rendered Discord text back to what a reader sees: our `**` removed, escapes undone. */
export function unrender(markdown: string): string {
  return markdown.replace(/\\(.)|\*\*/gsu, (_match, escaped: string | undefined) => escaped ?? '');
}

/** Whether every unescaped `*` comes as part of a balanced set of `**` pairs. */
export function hasBalancedBold(markdown: string): boolean {
  const stars = markdown.replace(/\\./gsu, '').match(/\*+/g) ?? [];
  return stars.every((run) => run === '**') && stars.length % 2 === 0;
}
