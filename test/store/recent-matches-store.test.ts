import type { KeyValue } from '../../src/store/key-value';
import { createRecentMatchesStore, MAX_RECENT_MATCHES, type RecentMatch } from '../../src/store/recent-matches-store';
import { makeItem } from '../support/builders';
import { backendTests, storeBackends } from './backends';

const REDIS_DB = 1; // this file's own logical database
const NOW = Date.parse('2026-03-04T12:30:00Z');

const story = (n: number, at = NOW + n): RecentMatch => ({ storyId: `story-${n}`, at, item: makeItem({ id: `item-${n}`, title: `Headline ${n}` }), matches: [] });

describe.each(storeBackends(REDIS_DB))('recent matches store on $name', (backend) => {
  const t = backendTests(backend);
  const it = t.it;
  let kv: KeyValue;
  beforeEach(() => {
    kv = t.kv();
  });

  it('lists the stories recorded, oldest first, to another connection', async () => {
    const store = createRecentMatchesStore(kv);
    await store.record([story(1), story(2)]);
    await store.record([story(3)]);
    const other = createRecentMatchesStore(await t.second());
    expect((await other.list()).map((s) => s.storyId)).toEqual(['story-1', 'story-2', 'story-3']);
  });

  it('keeps the newest stories up to its bound, however many hand-overs added them', async () => {
    const store = createRecentMatchesStore(kv);
    const batches = Math.ceil((MAX_RECENT_MATCHES * 3) / 7);
    for (let b = 0; b < batches; b++) await store.record(Array.from({ length: 7 }, (_, i) => story(b * 7 + i)));
    const last = batches * 7 - 1;
    const listed = (await store.list()).map((s) => s.storyId);
    expect(listed).toHaveLength(MAX_RECENT_MATCHES);
    expect([listed[0], listed.at(-1)]).toEqual([`story-${last - MAX_RECENT_MATCHES + 1}`, `story-${last}`]);
  });

  it('lists a story recorded twice once, where it was first told', async () => {
    const store = createRecentMatchesStore(kv);
    await store.record([story(1), story(2)]);
    await store.record([{ ...story(1), at: NOW + 10 }]);
    expect((await store.list()).map((s) => s.storyId)).toEqual(['story-1', 'story-2']);
  });

  it("still lists the stories of an earlier version's document", async () => {
    await kv.set('recent-matches', [story(1), story(2)]);
    const store = createRecentMatchesStore(kv);
    await store.record([story(3)]);
    expect((await store.list()).map((s) => s.storyId)).toEqual(['story-1', 'story-2', 'story-3']);
  });
});
