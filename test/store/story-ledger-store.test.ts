import type { KeyValue } from '../../src/store/key-value';
import { createStoryLedgerStore } from '../../src/store/story-ledger-store';
import type { StoryLedger } from '../../src/stories/story-ledger';
import { backendTests, storeBackends } from './backends';

const REDIS_DB = 15; // this file's own logical database
const NOW = new Date('2026-03-04T12:30:00Z');

const item = (feedId: string, outlet: string, n: number) => ({ feedId, outlet, link: `https://${feedId}.example/${n}`, title: `Lynas headline ${n}`, at: NOW.toISOString() });
const post = (channelId: string, messageId: string) => ({ guildId: 'g1', channelId, messageId, at: NOW });
const matched = { topics: ['lynas'], terms: ['Lynas'] };

describe.each(storeBackends(REDIS_DB))('story ledger on $name', (backend) => {
  const t = backendTests(backend);
  const it = t.it;
  let kv: KeyValue;
  let ledger: StoryLedger;
  let problems: string[];
  beforeEach(() => {
    kv = t.kv();
    problems = [];
    ledger = createStoryLedgerStore(kv, (key) => problems.push(key));
  });

  it('queues one edit per channel for each new outlet, and none for an outlet already shown', async () => {
    await ledger.recordPost('a:1', item('a', 'Wire A', 1), post('c1', 'm1'), matched);
    await ledger.recordPost('a:1', item('a', 'Wire A', 1), post('c2', 'm2'), matched);
    expect(await ledger.join('a:1', item('b', 'Wire B', 2), ['c1', 'c2'], NOW)).toEqual(['c1', 'c2']);
    expect(await ledger.join('a:1', item('b', 'Wire B', 3), ['c1'], NOW)).toEqual([]);
    expect(await ledger.join('a:1', item('a', 'Wire A', 4), ['c1'], NOW)).toEqual([]);
    const other = createStoryLedgerStore(await t.second());
    expect(await other.pendingEdits()).toEqual([{ storyId: 'a:1', channelId: 'c1' }, { storyId: 'a:1', channelId: 'c2' }]);
    const story = await other.get('a:1');
    expect(story?.posts.map((p) => [p.channelId, p.messageId, p.also.map((o) => o.name)])).toEqual([['c1', 'm1', ['Wire B']], ['c2', 'm2', ['Wire B']]]);
    expect(story?.members.map((m) => m.link)).toEqual(['https://a.example/1', 'https://b.example/2', 'https://b.example/3', 'https://a.example/4']);
  });

  it('lists outlets that joined before the post once it is recorded, in that channel only', async () => {
    await ledger.awaitPost('a:1', item('b', 'Wire B', 2), ['c1', 'c2'], NOW);
    await ledger.awaitPost('a:1', item('b', 'Wire B', 3), ['c1'], NOW);
    expect(await ledger.pendingEdits()).toEqual([]);
    await ledger.recordPost('a:1', item('a', 'Wire A', 1), post('c1', 'm1'), matched);
    expect(await ledger.pendingEdits()).toEqual([{ storyId: 'a:1', channelId: 'c1' }]);
    const story = await ledger.get('a:1');
    expect(story?.posts.map((p) => p.also.map((o) => o.name))).toEqual([['Wire B']]);
    expect(story?.waiting?.map((w) => w.channelId)).toEqual(['c2']);
  });

  it('ends a job once its outlets are shown, and queues nothing for a refused message', async () => {
    await ledger.recordPost('a:1', item('a', 'Wire A', 1), post('c1', 'm1'), matched);
    await ledger.join('a:1', item('b', 'Wire B', 2), ['c1'], NOW);
    await ledger.updatePost({ storyId: 'a:1', channelId: 'c1' }, (p) => ({ ...p, shown: 1 }));
    expect(await ledger.pendingEdits()).toEqual([]);
    await ledger.updatePost({ storyId: 'a:1', channelId: 'c1' }, (p) => ({ ...p, refused: { reason: 'Discord 404: Unknown Message', at: NOW.toISOString() } }));
    expect(await ledger.join('a:1', item('c', 'Wire C', 3), ['c1'], NOW)).toEqual([]);
    expect(await ledger.pendingEdits()).toEqual([]);
  });

  it('skips a story of the wrong shape and a malformed job with one report each, and keeps working', async () => {
    await kv.set('story-ledger:a:1', { id: 'a:1', posts: 'not a list' });
    await kv.index.add('story-edits', [{ member: 'garbage', score: 1 }]);
    expect(await ledger.get('a:1')).toBeUndefined();
    expect(await ledger.pendingEdits()).toEqual([]);
    expect(await ledger.pendingEdits()).toEqual([]);
    expect(problems).toEqual(['story-ledger:a:1', 'index:story-edits:garbage']);
    await ledger.recordPost('a:1', item('a', 'Wire A', 1), post('c1', 'm1'), matched);
    expect((await ledger.get('a:1'))?.posts).toHaveLength(1);
  });
});
