import type { Alert } from '../../src/delivery/alert';
import type { AlertSender, SendResult } from '../../src/delivery/alert-sender';
import { deliverPending } from '../../src/delivery/deliver-alerts';
import { createSilentLogger } from '../../src/shared/logger';
import type { KeyValue } from '../../src/store/key-value';
import { openStore } from '../../src/store/open-store';
import { createOutboxStore, type OutboxStore } from '../../src/store/outbox-store';
import { makeItem } from '../support/builders';
import { freshRedisUrl, redisAvailable } from '../support/stores';

const REDIS_DB = 6; // this file's own logical database

const alertIn = (channelId: string, n: number): Alert => {
  const item = makeItem({ id: `i${n}`, title: `Story ${n}`, link: `https://wire.example/${n}`, published: new Date(Date.UTC(2026, 10, 26, 8, n)).toISOString() });
  return { id: `${channelId}:wire:${item.id}`, guildId: 'G', channelId, item, topics: [{ id: 'heavy', name: 'Heavy', colour: 1, terms: ['dysprosium'] }], hits: [], createdAt: item.published! };
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A sender that records what it posted, after a random delay, as a slow Discord would. */
const recordingSender = (posted: string[], delay = () => Math.random() * 15): AlertSender => ({
  async send(alert): Promise<SendResult> {
    await sleep(delay());
    posted.push(alert.id);
    return { kind: 'sent', messageId: alert.id };
  },
});

describe('delivery by several instances sharing one Redis outbox', () => {
  let hasRedis = false;
  const stores: KeyValue[] = [];
  beforeAll(async () => {
    hasRedis = await redisAvailable();
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((kv) => kv.close()));
  });
  /** `n` instances' outboxes over one freshly flushed database. */
  const instances = async (n: number): Promise<OutboxStore[]> => {
    const url = await freshRedisUrl(REDIS_DB);
    return Promise.all(Array.from({ length: n }, async () => {
      const kv = await openStore(url);
      stores.push(kv);
      return createOutboxStore(kv);
    }));
  };
  const deps = (outbox: OutboxStore, sender: AlertSender, claimMs?: number) => ({ outbox, sender, claimMs, logger: createSilentLogger(), onChannelBroken: async () => {} });

  it('sends every alert exactly once, in publication order per channel, when three instances deliver at once', async () => {
    if (!hasRedis) return;
    const outboxes = await instances(3);
    const alerts = ['X', 'Y', 'Z'].flatMap((channel) => Array.from({ length: 10 }, (_, n) => alertIn(channel, n)));
    await outboxes[0]!.enqueue(alerts.map((alert) => ({ alert, storyKeys: [{ key: alert.id, ttlMs: 60_000 }] })));
    const posted: string[] = [];
    // Each instance delivers in rounds until the outbox is empty, all three racing each other.
    await Promise.all(outboxes.map(async (outbox) => {
      while ((await outbox.count()) > 0) {
        await deliverPending(deps(outbox, recordingSender(posted)), new Date());
        await sleep(5);
      }
    }));
    expect([...posted].sort()).toEqual(alerts.map((a) => a.id).sort());
    for (const channel of ['X', 'Y', 'Z']) {
      expect(posted.filter((id) => id.startsWith(`${channel}:`))).toEqual(alerts.filter((a) => a.channelId === channel).map((a) => a.id));
    }
  });

  it('leaves a channel to another instance once the one sending it died mid-send and its claim expired', async () => {
    if (!hasRedis) return;
    const [dying, survivor] = await instances(2);
    const alert = alertIn('X', 1);
    await dying!.enqueue([{ alert, storyKeys: [{ key: alert.id, ttlMs: 60_000 }] }]);
    // The dying instance's send never returns: the process is gone as far as the fleet can tell.
    // Its claim lasts 5 s: long enough that the survivor's first look surely falls inside it, even on a busy machine.
    let sending: () => void = () => {};
    const sendStarted = new Promise<void>((resolve) => (sending = resolve));
    const hung: AlertSender = { send: () => (sending(), new Promise<SendResult>(() => {})) };
    void deliverPending(deps(dying!, hung, 5_000), new Date());
    await sendStarted;
    const posted: string[] = [];
    const early = await deliverPending(deps(survivor!, recordingSender(posted), 5_000), new Date());
    expect(early).toMatchObject({ sent: 0, pending: 1 }); // claimed elsewhere: left alone
    // Then the survivor keeps trying, as its delivery sweeps do, until the claim has expired.
    let late = early;
    while (late.pending > 0 && posted.length === 0) {
      await sleep(100);
      late = await deliverPending(deps(survivor!, recordingSender(posted), 5_000), new Date());
    }
    expect(late).toMatchObject({ sent: 1, pending: 0 });
    expect(posted).toEqual([alert.id]);
  });
});
