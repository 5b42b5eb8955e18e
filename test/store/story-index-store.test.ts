import type { KeyValue } from '../../src/store/key-value';
import { createStoryIndexStore, type StoryIndexStore } from '../../src/store/story-index-store';
import type { StoryMember } from '../../src/stories/story';
import { backendTests, storeBackends } from './backends';

const REDIS_DB = 13; // this file's own logical database
const HOUR_MS = 3_600_000;
const WINDOW_MS = 48 * HOUR_MS;
const NOW = Date.parse('2026-03-04T12:30:00Z');

const member = (itemKey: string, at: number, storyId = itemKey): StoryMember => ({
  itemKey,
  storyId,
  at,
  text: { title: `Headline of ${itemKey}`, summary: 'Lynas and JOGMEC agree heavy rare earth supply.' },
});

describe.each(storeBackends(REDIS_DB))('story index store on $name', (backend) => {
  const t = backendTests(backend);
  const it = t.it;
  let kv: KeyValue;
  let store: StoryIndexStore;
  let problems: string[];
  beforeEach(() => {
    kv = t.kv();
    problems = [];
    store = createStoryIndexStore(kv, WINDOW_MS, (key) => problems.push(key));
  });

  it('gives back the members of the window, oldest first, to another connection', async () => {
    await store.record([member('wire:1', NOW - 30 * HOUR_MS), member('chronicle:7', NOW - HOUR_MS, 'wire:1')]);
    await store.record([member('asia:3', NOW - 2 * HOUR_MS)]);
    const other = createStoryIndexStore(await t.second(), WINDOW_MS);
    expect((await other.load(NOW - WINDOW_MS, NOW)).map((m) => [m.itemKey, m.storyId])).toEqual([
      ['wire:1', 'wire:1'],
      ['asia:3', 'asia:3'],
      ['chronicle:7', 'wire:1'],
    ]);
  });

  it('leaves out members older than asked for, and records an item once however often it is recorded', async () => {
    await store.record([member('old:1', NOW - 50 * HOUR_MS), member('new:1', NOW - HOUR_MS)]);
    await store.record([member('new:1', NOW - HOUR_MS)]);
    expect((await store.load(NOW - WINDOW_MS, NOW)).map((m) => m.itemKey)).toEqual(['new:1']);
  });

  it('still reads the hourly documents of an earlier version, skipping a member of the wrong shape', async () => {
    const at = NOW - HOUR_MS;
    const key = `story-index:${Math.floor(at / HOUR_MS)}`;
    await kv.set(key, [member('legacy:1', at), { itemKey: 42 }]);
    await store.record([member('new:1', at + 1)]);
    expect((await store.load(NOW - WINDOW_MS, NOW)).map((m) => m.itemKey)).toEqual(['legacy:1', 'new:1']);
    expect(problems).toEqual([`${key}[1]`]);
  });

  it('reports an unreadable member once and keeps the rest', async () => {
    await store.record([member('good:1', NOW - HOUR_MS)]);
    await kv.index.add('story-index', [{ member: '{"itemKey":', score: NOW - HOUR_MS }]);
    expect((await store.load(NOW - WINDOW_MS, NOW)).map((m) => m.itemKey)).toEqual(['good:1']);
    expect((await store.load(NOW - WINDOW_MS, NOW)).map((m) => m.itemKey)).toEqual(['good:1']);
    expect(problems).toEqual(['index:story-index:{"itemKey":']);
  });

  it('forgets members older than the window as it loads', async () => {
    await store.record([member('old:1', NOW - 50 * HOUR_MS), member('new:1', NOW - HOUR_MS)]);
    await store.load(NOW - HOUR_MS, NOW);
    expect(await kv.index.size('story-index')).toBe(1);
  });
});
