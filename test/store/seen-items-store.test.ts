import type { KeyValue } from '../../src/store/key-value';
import { createSeenItemsStore, MAX_SEEN_ITEMS_PER_HOUR, type SeenItem, type SeenItemsStore } from '../../src/store/seen-items-store';
import { backendTests, storeBackends } from './backends';

const REDIS_DB = 2; // this file's own logical database
const HOUR_MS = 3_600_000;
const NOW = Date.parse('2026-03-04T12:30:00Z');

const seenItem = (itemId: string, at: number): SeenItem => ({
  feedId: 'wire',
  itemId,
  title: `Headline ${itemId}`,
  link: `https://wire.example/${itemId}`,
  canonicalLink: `https://wire.example/${itemId}`,
  at,
  matches: [],
});

describe.each(storeBackends(REDIS_DB))('seen items store on $name', (backend) => {
  const t = backendTests(backend);
  const it = t.it;
  let kv: KeyValue;
  let store: SeenItemsStore;
  beforeEach(() => {
    kv = t.kv();
    store = createSeenItemsStore(kv);
  });

  it('gives back the items of the last two days, oldest first, to another connection', async () => {
    await store.record([seenItem('old', NOW - 49 * HOUR_MS)], NOW - 49 * HOUR_MS);
    await store.record([seenItem('a', NOW - 3 * HOUR_MS)], NOW - 3 * HOUR_MS);
    await store.record([seenItem('b', NOW), seenItem('c', NOW)], NOW);
    const other = createSeenItemsStore(await t.second());
    expect((await other.load(NOW)).map((i) => i.itemId)).toEqual(['a', 'b', 'c']);
  });

  it('keeps at most its bound of items an hour, and starts again the next hour', async () => {
    const burst = Array.from({ length: MAX_SEEN_ITEMS_PER_HOUR - 1 }, (_, i) => seenItem(`burst-${i}`, NOW));
    await store.record(burst, NOW);
    await store.record([seenItem('last', NOW), seenItem('over', NOW)], NOW);
    await createSeenItemsStore(kv).record([seenItem('other-instance', NOW)], NOW);
    await store.record([seenItem('next-hour', NOW + HOUR_MS)], NOW + HOUR_MS);
    const ids = (await store.load(NOW + HOUR_MS)).map((i) => i.itemId);
    expect([ids.length, ids.includes('last'), ids.includes('over'), ids.includes('other-instance'), ids.at(-1)]).toEqual([MAX_SEEN_ITEMS_PER_HOUR + 1, true, false, false, 'next-hour']);
  });

  it('still reads the hourly documents of an earlier version', async () => {
    await kv.set(`seen-items:${Math.floor((NOW - HOUR_MS) / HOUR_MS)}`, [seenItem('legacy', NOW - HOUR_MS)]);
    await store.record([seenItem('new', NOW)], NOW);
    expect((await store.load(NOW)).map((i) => i.itemId)).toEqual(['legacy', 'new']);
  });
});
