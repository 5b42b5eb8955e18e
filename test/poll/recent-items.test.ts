import { createRecentItems, FEED_MEMORY_LAYOUT, itemIdentity, type RememberedItem } from '../../src/poll/recent-items';
import { hash53 } from '../../src/shared/hash53';
import { createFeedMemoryStore } from '../../src/store/feed-memory-store';
import type { KeyValue } from '../../src/store/key-value';
import { openStore } from '../../src/store/open-store';
import { tempSqliteUrl } from '../support/stores';

const item = (n: number, rawKey?: number): RememberedItem => ({
  identity: itemIdentity([{ key: `feed:a:${n}` }, { key: `link:https://example.com/${n}` }]),
  ...(rawKey === undefined ? {} : { rawKey }),
  id: hash53(`id-${n}`),
  story: hash53(`https://example.com/${n}`),
});

describe('recent items (what each feed served at its last completed poll)', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  const asOf = now.toISOString();

  it('knows a remembered item by its identity and by its raw XML, and nothing else', async () => {
    const recent = createRecentItems();
    await recent.remember([{ feedId: 'a', items: [item(1, hash53('<item>1</item>')), item(2)] }], now);
    const memory = await recent.of('a', asOf);
    expect(memory?.hasIdentity(item(1).identity)).toBe(true);
    expect(memory?.hasIdentity(item(2).identity)).toBe(true);
    expect(memory?.hasIdentity(item(3).identity)).toBe(false);
    expect(memory?.byRawKey(hash53('<item>1</item>'))).toEqual(item(1, hash53('<item>1</item>')));
    expect(memory?.byRawKey(hash53('<item>2</item>'))).toBeUndefined();
    expect(await recent.of('b', asOf)).toBeUndefined();
  });

  it('replaces a feed\'s memory on each completed poll and forgets feeds no longer polled', async () => {
    const recent = createRecentItems();
    await recent.remember([{ feedId: 'a', items: [item(1)] }, { feedId: 'b', items: [item(5)] }], now);
    await recent.remember([{ feedId: 'a', items: [item(2)] }], now);
    expect((await recent.of('a', asOf))?.hasIdentity(item(1).identity)).toBe(false);
    expect((await recent.of('a', asOf))?.hasIdentity(item(2).identity)).toBe(true);
    await recent.keepOnly(new Set(['a']));
    expect(await recent.of('b', asOf)).toBeUndefined();
  });

  describe('kept in the store', () => {
    let tmp: ReturnType<typeof tempSqliteUrl>;
    let kv: KeyValue;
    let written: string[];
    const open = () => createRecentItems(createFeedMemoryStore({ ...kv, setMany: (entries) => (written.push(...entries.map((e) => e.key)), kv.setMany(entries)) }, { ...FEED_MEMORY_LAYOUT, ttlMs: 60_000 }));
    beforeEach(async () => {
      tmp = tempSqliteUrl();
      kv = await openStore(tmp.url);
      written = [];
    });
    afterEach(async () => {
      await kv.close();
      tmp.cleanup();
    });

    it('is known to a new process, and written again only when it changed', async () => {
      await open().remember([{ feedId: 'a', items: [item(1), item(2)] }], now);
      const restarted = open();
      expect((await restarted.of('a', asOf))?.hasIdentity(item(2).identity)).toBe(true);
      await restarted.remember([{ feedId: 'a', items: [item(1), item(2)] }, { feedId: 'b', lastSuccessAt: asOf }], now);
      expect(written).toEqual(['feed-memory:a']);
      await restarted.remember([{ feedId: 'a', items: [item(3), item(1)] }], now);
      expect(written).toEqual(['feed-memory:a', 'feed-memory:a']);
    });

    it('forgets there too a feed that is no longer polled', async () => {
      const recent = open();
      await recent.remember([{ feedId: 'a', items: [item(1)] }, { feedId: 'b', items: [item(5)] }], now);
      await recent.keepOnly(new Set(['a']));
      expect(await open().of('b', asOf)).toBeUndefined();
      expect((await open().of('a', asOf))?.hasIdentity(item(1).identity)).toBe(true);
    });
  });

  it('tells apart identities that differ in any key, or only in key order', () => {
    const one = itemIdentity([{ key: 'x' }, { key: 'y' }]);
    expect(itemIdentity([{ key: 'x' }, { key: 'y' }])).toBe(one);
    expect(itemIdentity([{ key: 'y' }, { key: 'x' }])).not.toBe(one);
    expect(itemIdentity([{ key: 'x' }, { key: 'y2' }])).not.toBe(one);
  });
});

describe('hash53', () => {
  it('gives 53-bit integers that differ for near-identical strings', () => {
    const hashes = new Set(Array.from({ length: 10_000 }, (_, i) => hash53(`wire-7-${i}`)));
    expect(hashes.size).toBe(10_000);
    for (const h of hashes) expect(Number.isSafeInteger(h) && h >= 0).toBe(true);
  });
});
