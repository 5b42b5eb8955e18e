import type { Alert } from '../../src/delivery/alert';
import { alertWhyKey } from '../../src/delivery/alert-why';
import type { KeyValue } from '../../src/store/key-value';
import { createOutboxStore, type OutboxStore, type StoryKey } from '../../src/store/outbox-store';
import { makeItem } from '../support/builders';
import { backendTests, storeBackends } from './backends';

const REDIS_DB = 5; // this file's own logical database

const alertFor = (channelId: string, item = makeItem(), feedId = item.feedId): Alert => ({
  id: `${channelId}:${feedId}:${item.id}`,
  guildId: 'G',
  channelId,
  item: { ...item, feedId },
  topics: [{ id: 'heavy', name: 'Heavy', colour: 1, terms: ['dysprosium'] }],
  hits: [],
  createdAt: '2026-11-26T12:00:00.000Z',
});
const keys = (...names: string[]): StoryKey[] => names.map((key) => ({ key, ttlMs: 60_000 }));

describe.each(storeBackends(REDIS_DB))('outbox store on $name', (backend) => {
  const t = backendTests(backend);
  const it = t.it;
  let kv: KeyValue;
  let outbox: OutboxStore;
  let problems: string[];
  beforeEach(() => {
    kv = t.kv();
    problems = [];
    outbox = createOutboxStore(kv, (key) => problems.push(key));
  });

  it('queues a story once per channel while it waits, and again never once it was delivered', async () => {
    const item = makeItem();
    const fromA = alertFor('X', item, 'feed-a');
    const fromB = alertFor('X', item, 'feed-b');
    expect(await outbox.enqueue([{ alert: fromA, storyKeys: keys('link:s1') }])).toEqual([fromA]);
    expect(await outbox.enqueue([{ alert: fromB, storyKeys: keys('link:s1') }, { alert: fromA, storyKeys: keys('link:s1') }])).toEqual([]);
    const other = alertFor('Y', item);
    expect(await outbox.enqueue([{ alert: other, storyKeys: keys('link:s1') }])).toEqual([other]);
    await outbox.complete(await outbox.pending());
    expect(await outbox.enqueue([{ alert: fromB, storyKeys: keys('title:s1') }, { alert: alertFor('X', makeItem(), 'feed-c'), storyKeys: keys('link:s1') }])).toHaveLength(1);
    expect(await outbox.count()).toBe(1);
  });

  it('returns pending alerts oldest publication first, whatever order they were queued in', async () => {
    const late = alertFor('X', makeItem({ published: '2026-11-26T11:00:00.000Z' }));
    const early = alertFor('X', makeItem({ published: '2026-11-26T09:00:00.000Z' }));
    await outbox.enqueue([{ alert: late, storyKeys: keys('a') }]);
    await outbox.enqueue([{ alert: early, storyKeys: keys('b') }]);
    expect((await outbox.pending()).map((e) => e.alert.id)).toEqual([early.id, late.id]);
  });

  it('keeps back-off on a pending entry and ignores an update once the entry is done', async () => {
    const alert = alertFor('X');
    await outbox.enqueue([{ alert, storyKeys: keys('k') }]);
    const [entry] = await outbox.pending();
    await outbox.update({ ...entry!, attempts: 2, notBefore: '2026-11-26T12:01:00.000Z' });
    expect((await outbox.pending())[0]).toMatchObject({ attempts: 2, notBefore: '2026-11-26T12:01:00.000Z' });
    await outbox.complete([entry!]);
    await outbox.update({ ...entry!, attempts: 3 });
    expect(await outbox.pending()).toEqual([]);
    expect(await kv.get(`outbox:alert:${alert.id}`)).toBeUndefined();
  });

  it('reports an entry of the wrong shape once, drops it, and still returns the others', async () => {
    const good = alertFor('X');
    await outbox.enqueue([{ alert: good, storyKeys: keys('good') }]);
    await kv.set('outbox:index', [...((await kv.get<unknown[]>('outbox:index')) ?? []), { id: 'bent', time: '2026-01-01T00:00:00Z' }]);
    await kv.set('outbox:alert:bent', { alert: { id: 'bent', channelId: 'X' }, attempts: 0 });
    expect((await outbox.pending()).map((e) => e.alert.id)).toEqual([good.id]);
    expect((await outbox.pending()).map((e) => e.alert.id)).toEqual([good.id]);
    expect(problems).toEqual(['outbox:alert:bent']);
  });

  it('treats an index of the wrong shape as empty and keeps working', async () => {
    await kv.set('outbox:index', { not: 'a list' });
    expect(await outbox.pending()).toEqual([]);
    expect(problems).toEqual(['outbox:index']);
    const alert = alertFor('X');
    expect(await outbox.enqueue([{ alert, storyKeys: keys('k') }])).toEqual([alert]);
    expect(await outbox.count()).toBe(1);
  });

  it("claims a channel for one sender at a time and reads only that channel's entries, as they are after claiming", async () => {
    const [x1, x2, y1] = [alertFor('X', makeItem({ published: '2026-11-26T09:00:00.000Z' })), alertFor('X', makeItem({ published: '2026-11-26T10:00:00.000Z' })), alertFor('Y')];
    await outbox.enqueue([x2, x1, y1].map((alert, i) => ({ alert, storyKeys: keys(`s${i}`) })));
    const claim = await outbox.claimChannel('X', 5_000);
    expect(claim).toBeDefined();
    expect(await outbox.claimChannel('X', 5_000)).toBeUndefined();
    expect(await outbox.claimChannel('Y', 5_000)).toBeDefined();
    await outbox.complete((await claim!.entries()).slice(0, 1));
    expect((await claim!.entries()).map((e) => e.alert.id)).toEqual([x2.id]);
    await claim!.release();
    expect(await outbox.claimChannel('X', 5_000)).toBeDefined();
  });

  it('remembers which message carried each sent alert, and none for an alert dropped unsent', async () => {
    const [a, b, c] = [alertFor('X', makeItem({ id: 'a' })), alertFor('X', makeItem({ id: 'b' })), alertFor('X', makeItem({ id: 'c' }))];
    await outbox.enqueue([a, b, c].map((alert, i) => ({ alert, storyKeys: keys(`k${i}`) })));
    const [ea, eb, ec] = await outbox.pending();
    const at = new Date('2026-11-26T12:00:00.000Z');
    await outbox.complete([ea!, eb!], { messageId: '900000000000000001', at });
    await outbox.complete([ec!]);
    expect(await outbox.sentMessage(a.id)).toEqual({ channelId: 'X', messageId: '900000000000000001', sentAt: at.toISOString() });
    expect(await outbox.sentMessage(b.id)).toMatchObject({ messageId: '900000000000000001' });
    expect(await outbox.sentMessage(c.id)).toBeUndefined();
  });

  it('keeps why a sent alert was sent, under the key its button carries, and nothing for an alert dropped unsent', async () => {
    const [a, b] = [alertFor('X', makeItem({ id: 'a', title: 'Terbium quota', link: 'https://wire.example/a' })), alertFor('X', makeItem({ id: 'b' }))];
    a.topics[0]!.ruleIds = ['heavy-1'];
    await outbox.enqueue([a, b].map((alert, i) => ({ alert, storyKeys: keys(`w${i}`) })));
    const [ea, eb] = await outbox.pending();
    await outbox.complete([ea!], { messageId: '900000000000000002', at: new Date('2026-11-26T12:00:00.000Z') });
    await outbox.complete([eb!]);
    expect(await outbox.alertWhy(alertWhyKey(a.id))).toEqual({
      guildId: 'G',
      title: 'Terbium quota',
      link: 'https://wire.example/a',
      feedId: a.item.feedId,
      feedName: a.item.source,
      ...(a.item.published ? { published: a.item.published } : {}),
      topics: [{ id: 'heavy', name: 'Heavy', terms: ['dysprosium'], ruleIds: ['heavy-1'] }],
    });
    expect(await outbox.alertWhy(alertWhyKey(b.id))).toBeUndefined();
  });

  it("keeps a channel's unsettled message until the alerts it carried are done", async () => {
    const [a, b] = [alertFor('X', makeItem({ id: 'a' })), alertFor('X', makeItem({ id: 'b' }))];
    await outbox.enqueue([a, b].map((alert, i) => ({ alert, storyKeys: keys(`k${i}`) })));
    const claim = (await outbox.claimChannel('X', 5_000))!;
    const attempt = { alertIds: [a.id, b.id], nonce: 'nonce-of-a-and-b', firstTriedAt: '2026-11-26T12:00:00.000Z' };
    await claim.saveAttempt(attempt);
    await claim.release();
    // Another life claims the channel: the message is there to be sent again exactly as it was.
    const next = (await outbox.claimChannel('X', 5_000))!;
    expect(await next.attempt()).toEqual(attempt);
    await outbox.complete(await next.entries(), { messageId: '1', at: new Date() });
    expect(await next.attempt()).toBeUndefined();
    expect(await outbox.channels()).toEqual([]);
  });

  it('moves the alerts an earlier version left in its one-document index, in order, with their stories still blocked', async () => {
    const late = alertFor('X', makeItem({ id: 'late', published: '2026-11-26T11:00:00.000Z' }));
    const early = alertFor('X', makeItem({ id: 'early', published: '2026-11-26T09:00:00.000Z' }));
    // The oldest entries kept no story keys of their own: their index lines did.
    await kv.setMany([late, early].map((alert) => ({ key: `outbox:alert:${alert.id}`, value: { alert, attempts: 0, ...(alert === late ? { storyKeys: keys(`link:${alert.item.id}`) } : {}) } })));
    await kv.set('outbox:index', [late, early].map((alert) => ({ id: alert.id, time: alert.item.published, keys: [`channel-story:X:link:${alert.item.id}`], channelId: 'X' })));
    expect((await outbox.pending()).map((e) => e.alert.id)).toEqual([early.id, late.id]);
    expect(await kv.get('outbox:index')).toBeUndefined();
    const sameStory = alertFor('X', makeItem({ id: 'early' }), 'other-feed');
    expect(await outbox.enqueue([{ alert: sameStory, storyKeys: keys('link:early') }])).toEqual([]);
    expect(await outbox.count()).toBe(2);
    expect(problems).toEqual([]);
  });

  it('orders an index by score, then by member, and drops members in any number', async () => {
    await kv.index.add('t', [{ member: 'b', score: 2 }, { member: 'a', score: 2 }, { member: 'z', score: 1 }]);
    await kv.index.add('other', [{ member: 'q', score: 0 }]);
    expect(await kv.index.members('t')).toEqual(['z', 'a', 'b']);
    await kv.index.remove('t', ['z', 'b', 'missing']);
    expect([await kv.index.members('t'), await kv.index.size('t'), await kv.index.size('other')]).toEqual([['a'], 1, 1]);
  });

  it('reads, counts and forgets an index by score range', async () => {
    await kv.index.add('log', [{ member: 'c', score: 30 }, { member: 'a', score: 10 }, { member: 'b', score: 20 }, { member: 'b2', score: 20 }]);
    expect([await kv.index.range('log', 15, 30), await kv.index.count('log', 20, 20)]).toEqual([['b', 'b2', 'c'], 2]);
    await kv.index.removeBelow('log', 20);
    expect(await kv.index.members('log')).toEqual(['b', 'b2', 'c']);
  });
});
