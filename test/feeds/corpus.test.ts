import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { splitFeedItems } from '../../src/feeds/feed-item-spans';
import { fetchFeed, type FetchOptions } from '../../src/feeds/fetch-feed';
import type { NewsItem } from '../../src/feeds/news-item';
import { parseFeed } from '../../src/feeds/parse-feed';
import { parseNewItems, rawKeyOf } from '../../src/poll/parse-new-items';
import type { FeedMemory, RememberedItem } from '../../src/poll/recent-items';
import { startFeedServer, type FeedServer } from '../support/feed-server';

/**
 * The feed fidelity corpus (test/fixtures/corpus/README.md): every case is served by the local feed
 * server and read through the real fetch → decode → parse → normalise path, then once more through the
 * "only parse what is new" path with every item after the expected ones remembered from a last poll.
 */
const CORPUS_DIR = join(__dirname, '..', 'fixtures', 'corpus');
const DEFAULT_NOW = '2026-12-03T12:00:00Z';
const options: FetchOptions = { timeoutMs: 10_000, maxBodyBytes: 5_000_000, maxRedirects: 3 };

interface ExpectedItem extends Partial<Record<keyof NewsItem, unknown>> {
  summaryContains?: string;
  titleContains?: string;
  /** An ISO time, or null for "no date" (the item is dated by when it was first seen). */
  published?: string | null;
}
interface CorpusCase {
  category: string;
  name: string;
  about: string;
  bytes: Buffer;
  contentType?: string;
  charset?: string;
  now: Date;
  items: ExpectedItem[];
}

const cases = loadCorpus();
const results = new Map<string, { passed: number; total: number }>();

describe('the feed fidelity corpus', () => {
  let server: FeedServer;

  beforeAll(async () => {
    server = await startFeedServer();
    for (const c of cases) server.route(pathOf(c), c.contentType === undefined ? { body: c.bytes } : { body: c.bytes, contentType: c.contentType });
  });
  afterAll(async () => {
    await server.close();
    printPassRates();
  });

  test.each(cases.map((c) => [`${c.category}/${c.name}`, c] as const))('reads %s as a browser-grade feed reader would', async (_label, c) => {
    const tally = results.get(c.category) ?? { passed: 0, total: 0 };
    results.set(c.category, { ...tally, total: tally.total + 1 });
    const feed = { id: `corpus-${c.category}-${c.name}`, name: 'Corpus', url: server.url(pathOf(c)) };
    const fetched = await fetchFeed({ url: feed.url }, options);
    if (fetched.kind !== 'fetched') throw new Error(`${c.about}: fetch gave ${JSON.stringify(fetched)}`);
    if (c.charset !== undefined) expect({ about: c.about, charset: fetched.charset }).toEqual({ about: c.about, charset: c.charset });

    const full = await parseFeed(fetched.text, feed, c.now);
    expectItems(c, full.kind === 'parsed' ? full.items : full, 'first parse');

    const memory = rememberAllBut(fetched.text, c.items.length);
    const incremental = await parseNewItems(parseFeed, fetched.text, feed, c.now, memory.memory);
    expectItems(c, incremental.outcome.kind === 'parsed' ? incremental.outcome.items : incremental.outcome, 'incremental parse');
    // The shortcut was taken wherever the document can be cut (a DOCTYPE with entities cannot be).
    expect({ about: c.about, skipped: incremental.unchanged.length }).toEqual({ about: c.about, skipped: memory.count });
    results.set(c.category, { ...tally, passed: tally.passed + 1, total: tally.total + 1 });
  });
});

function expectItems(c: CorpusCase, items: NewsItem[] | { reason: string }, path: string): void {
  const actual = Array.isArray(items) ? items.slice(0, c.items.length).map((item, i) => pick(item, c.items[i] ?? {})) : items;
  expect({ about: c.about, path, items: actual }).toEqual({ about: c.about, path, items: c.items.map(normaliseExpected) });
}

/** The actual item reduced to the fields the case names, so a failure shows only what matters. */
function pick(item: NewsItem, expected: ExpectedItem): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(expected)) {
    if (key === 'summaryContains') picked[key] = item.summary.includes(expected.summaryContains ?? '') ? expected.summaryContains : item.summary;
    else if (key === 'titleContains') picked[key] = item.title.includes(expected.titleContains ?? '') ? expected.titleContains : item.title;
    else picked[key] = (item as unknown as Record<string, unknown>)[key] ?? null;
  }
  return picked;
}

function normaliseExpected(expected: ExpectedItem): Record<string, unknown> {
  return Object.fromEntries(Object.entries(expected).map(([key, value]) => [key, value ?? null]));
}

/** A last poll that served every item after the first `keep`, so only the first `keep` are parsed again. */
function rememberAllBut(text: string, keep: number): { memory: FeedMemory; count: number } {
  const spans = splitFeedItems(text);
  const remembered = new Map<number, RememberedItem>();
  spans?.items.slice(keep).forEach((raw, i) => {
    const rawKey = rawKeyOf(raw);
    // Negative: no hash of a real item's identity, id or story can equal them.
    remembered.set(rawKey, { identity: -(i + 1), rawKey, id: -(i + 1), story: -(i + 1) });
  });
  return { memory: { hasIdentity: () => false, byRawKey: (rawKey) => remembered.get(rawKey) }, count: remembered.size };
}

function loadCorpus(): CorpusCase[] {
  return readdirSync(CORPUS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) =>
      readdirSync(join(CORPUS_DIR, dir.name))
        .filter((file) => file.endsWith('.xml'))
        .sort()
        .map((file) => loadCase(dir.name, file.slice(0, -'.xml'.length))),
    );
}

function loadCase(category: string, name: string): CorpusCase {
  const base = join(CORPUS_DIR, category, name);
  const expected = JSON.parse(readFileSync(`${base}.expect.json`, 'utf8')) as { about?: string; charset?: string; now?: string; items: ExpectedItem[] };
  const headers = existsSync(`${base}.headers.json`) ? (JSON.parse(readFileSync(`${base}.headers.json`, 'utf8')) as Record<string, string>) : {};
  const corpusCase: CorpusCase = {
    category,
    name,
    about: expected.about ?? name,
    bytes: readFileSync(`${base}.xml`),
    now: new Date(expected.now ?? DEFAULT_NOW),
    items: expected.items,
  };
  if (headers['content-type'] !== undefined) corpusCase.contentType = headers['content-type'];
  if (expected.charset !== undefined) corpusCase.charset = expected.charset;
  return corpusCase;
}

function pathOf(c: CorpusCase): string {
  return `/${c.category}/${c.name}.xml`;
}

function printPassRates(): void {
  const rows = [...results.entries()].sort(([a], [b]) => a.localeCompare(b));
  const all = rows.reduce((sum, [, r]) => ({ passed: sum.passed + r.passed, total: sum.total + r.total }), { passed: 0, total: 0 });
  const line = (name: string, r: { passed: number; total: number }) =>
    `| ${name.padEnd(16)} | ${String(r.passed).padStart(3)}/${String(r.total).padEnd(3)} | ${((100 * r.passed) / Math.max(r.total, 1)).toFixed(0).padStart(4)}% |`;
  process.stdout.write(['', 'Feed fidelity corpus (first parse and incremental parse per case)', '| category         | passed  | rate  |', ...rows.map(([n, r]) => line(n, r)), line('all', all), ''].join('\n'));
}
