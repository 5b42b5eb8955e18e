import type { GuildSettings } from '../../src/guilds/guild-settings';
import { emptyGuildSettings } from '../../src/guilds/guild-settings';
import { flushDueDigests } from '../../src/delivery/flush-digests';
import { createDigestStore, type BufferedStory, type DigestStore } from '../../src/store/digest-store';
import type { KeyValue } from '../../src/store/key-value';
import { createOutboxStore, type OutboxStore } from '../../src/store/outbox-store';
import { createLogger } from '../../src/shared/logger';
import { backendTests, storeBackends } from './backends';

const REDIS_DB = 12; // this file's own logical database

const story = (n: number): BufferedStory => ({
  id: `C:wire:s-${n}`,
  story: { title: `Terbium story number ${n}`, link: `https://wire.example/${n}`, source: 'Wire', time: `2026-03-10T10:0${n}:00.000Z` },
  topics: [{ id: 'heavy', name: 'Heavy rare earths', colour: 1 }],
  keys: [{ key: `link:wire.example/${n}`, ttlMs: 86_400_000 }],
});

const hourlyGuild: GuildSettings = {
  ...emptyGuildSettings('G'),
  subscriptions: [{ channelId: 'C', createdAt: '2026-03-10T10:20:00.000Z', delivery: { mode: 'hourly' } }],
};

describe.each(storeBackends(REDIS_DB))('digest buffers on $name', (backend) => {
  const t = backendTests(backend);
  const it = t.it;
  let kv: KeyValue;
  let digests: DigestStore;
  let outbox: OutboxStore;
  const logger = createLogger('silent');
  const flush = (at: string, store: Pick<OutboxStore, 'enqueue'> = outbox) =>
    flushDueDigests({ guilds: { all: async () => [hourlyGuild] }, digests, outbox: store, logger }, new Date(at));
  beforeEach(() => {
    kv = t.kv();
    digests = createDigestStore(kv);
    outbox = createOutboxStore(kv);
  });

  it('buffers a story once per channel, whichever feed brings it again', async () => {
    expect(await digests.add('G', 'C', [story(1), story(2)])).toBe(2);
    expect(await digests.add('G', 'C', [story(1), { ...story(3), keys: story(2).keys }])).toBe(0);
    expect(await digests.bufferedCount('C')).toBe(2);
  });

  it('queues the due digest once, however often the flush runs', async () => {
    await digests.add('G', 'C', [story(1), story(2)]);
    expect(await flush('2026-03-10T10:59:00Z')).toBe(0);
    expect(await flush('2026-03-10T11:00:00Z')).toBe(1);
    expect(await flush('2026-03-10T11:00:30Z')).toBe(0);
    const pending = await outbox.pending();
    expect(pending.map((e) => e.alert.digest?.totalStories)).toEqual([2]);
    // The channel now has these stories: they are not buffered again for the next digest.
    expect(await digests.add('G', 'C', [story(1)])).toBe(0);
    await outbox.complete(pending);
    expect(await flush('2026-03-10T11:01:00Z')).toBe(0);
  });

  it('finishes a digest sealed by a run that died before queueing it', async () => {
    await digests.add('G', 'C', [story(1)]);
    const dying = { enqueue: async () => Promise.reject(new Error('process killed')) };
    await flush('2026-03-10T11:00:00Z', dying);
    expect(await digests.sealed('C')).toBeDefined();
    // Stories arriving meanwhile wait for the next digest; the sealed one goes out as it was.
    await digests.add('G', 'C', [story(2)]);
    expect(await flush('2026-03-10T11:05:00Z')).toBe(1);
    expect((await outbox.pending()).map((e) => e.alert.digest?.groups[0]?.stories.map((s) => s.title))).toEqual([['Terbium story number 1']]);
    expect(await digests.sealed('C')).toBeUndefined();
  });

  it('does not queue a digest twice when a run died after queueing it but before releasing it', async () => {
    await digests.add('G', 'C', [story(1)]);
    let queuedOnce = false;
    const diesAfterQueueing = {
      enqueue: async (entries: Parameters<OutboxStore['enqueue']>[0]) => {
        const done = await outbox.enqueue(entries);
        queuedOnce = true;
        throw new Error(`process killed after queueing ${done.length}`);
      },
    };
    await flush('2026-03-10T11:00:00Z', diesAfterQueueing);
    expect(queuedOnce).toBe(true);
    // Even after the first copy was sent and forgotten by the outbox, the retry queues nothing.
    await outbox.complete(await outbox.pending());
    expect(await flush('2026-03-10T11:05:00Z')).toBe(0);
    expect(await outbox.count()).toBe(0);
    expect(await digests.sealed('C')).toBeUndefined();
  });
});
