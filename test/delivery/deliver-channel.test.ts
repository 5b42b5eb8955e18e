import type { Alert } from '../../src/delivery/alert';
import type { AlertSender, PostedCheck, SendResult } from '../../src/delivery/alert-sender';
import { messageNonce } from '../../src/delivery/message-nonce';
import { deliverPending, type DeliveryDeps } from '../../src/delivery/deliver-alerts';
import { createOutboxStore, type OutboxStore } from '../../src/store/outbox-store';
import { createRecordingLogger } from '../support/recording-logger';
import { createMemoryStore } from '../reliability/support/crash-store';
import { makeItem } from '../support/builders';

const T0 = new Date('2026-11-26T12:00:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

const alertIn = (n: number, publishedMinute = n): Alert => {
  const item = makeItem({ id: `i${n}`, title: `Story ${n}`, published: new Date(Date.UTC(2026, 10, 26, 8, publishedMinute)).toISOString() });
  return { id: `X:wire:i${n}`, guildId: 'G', channelId: 'X', item, topics: [{ id: 'heavy', name: 'Heavy', colour: 1, terms: [] }], hits: [], createdAt: T0.toISOString() };
};

interface Post {
  ids: string[];
  nonce: string;
}

/**
 * Discord as the pipeline sees it: every post is recorded with its alerts and nonce; `answers` says what
 * each next post gets back (default: sent), `posted` what a look through the channel would find.
 */
function scriptedSender(answers: SendResult[] = [], look: () => PostedCheck = () => ({ kind: 'absent' })) {
  const posts: Post[] = [];
  const looks: string[][] = [];
  const answer = (ids: string[], nonce: string | undefined): SendResult => {
    posts.push({ ids, nonce: nonce ?? '' });
    return answers.shift() ?? { kind: 'sent', messageId: `m${posts.length}` };
  };
  const sender: AlertSender = {
    send: async (alert, options) => answer([alert.id], options?.nonce),
    sendMany: async (alerts, options) => {
      const taken = alerts.slice(0, 4); // four embeds fit in a message here
      return { result: answer(taken.map((a) => a.id), options?.nonce), count: taken.length };
    },
    packSize: (alerts) => Math.min(4, alerts.length),
    findPosted: async (alerts) => {
      looks.push(alerts.map((a) => a.id));
      return look();
    },
  };
  return { sender, posts, looks };
}

describe('delivering one channel, message by message', () => {
  let outbox: OutboxStore;
  let logger: ReturnType<typeof createRecordingLogger>;
  beforeEach(() => {
    outbox = createOutboxStore(createMemoryStore());
    logger = createRecordingLogger();
  });
  const queue = (...alerts: Alert[]) => outbox.enqueue(alerts.map((alert) => ({ alert, storyKeys: [{ key: alert.id, ttlMs: 60_000 }] })));
  const deps = (sender: AlertSender, extra: Partial<DeliveryDeps> = {}): DeliveryDeps => ({ outbox, sender, logger, onChannelBroken: async () => {}, ...extra });
  const round = (d: DeliveryDeps, at = T0) => deliverPending(d, at, { ignoreBackoff: true });

  it('sends a message whose answer was lost again exactly as it was, under its nonce, though more alerts arrived since', async () => {
    await queue(...[0, 1, 2, 3, 4, 5].map((n) => alertIn(n)));
    const discord = scriptedSender([{ kind: 'transient', reason: 'Discord 502' }]);
    await round(deps(discord.sender));
    await queue(...[6, 7, 8].map((n) => alertIn(n)));
    await round(deps(discord.sender));
    const first = ['X:wire:i0', 'X:wire:i1', 'X:wire:i2', 'X:wire:i3'];
    expect(discord.posts).toEqual([
      { ids: first, nonce: messageNonce(first) },
      { ids: first, nonce: messageNonce(first) },
      { ids: ['X:wire:i4', 'X:wire:i5', 'X:wire:i6', 'X:wire:i7'], nonce: messageNonce(['X:wire:i4', 'X:wire:i5', 'X:wire:i6', 'X:wire:i7']) },
      { ids: ['X:wire:i8'], nonce: messageNonce(['X:wire:i8']) },
    ]);
    expect(await outbox.count()).toBe(0);
  });

  it('sends an alert found later but published earlier before an unsettled message, never inside it', async () => {
    await queue(alertIn(2, 20), alertIn(3, 30));
    const discord = scriptedSender([{ kind: 'transient', reason: 'Discord 503' }, { kind: 'transient', reason: 'Discord 503' }]);
    await round(deps(discord.sender));
    await queue(alertIn(1, 10));
    await round(deps(discord.sender)); // the older story goes first, and Discord is still down
    await round(deps(discord.sender));
    expect(discord.posts.map((p) => p.ids)).toEqual([['X:wire:i2'], ['X:wire:i1'], ['X:wire:i1'], ['X:wire:i2'], ['X:wire:i3']]);
  });

  it('sends a packed message Discord refused one alert at a time, dropping only the alert it refuses', async () => {
    await queue(...[0, 1, 2, 3, 4, 5].map((n) => alertIn(n)));
    const discord = scriptedSender([{ kind: 'rejected', reason: 'Discord 400' }, { kind: 'sent', messageId: 'a' }, { kind: 'rejected', reason: 'Discord 400' }]);
    const report = await round(deps(discord.sender));
    expect(discord.posts.map((p) => p.ids.length)).toEqual([4, 1, 1, 1, 1, 2]);
    expect(report).toMatchObject({ sent: 5, dropped: 1, pending: 0 });
    expect(await outbox.sentMessage('X:wire:i1')).toBeUndefined();
    expect(await outbox.sentMessage('X:wire:i0')).toMatchObject({ messageId: 'a' });
  });

  it('looks for a message first tried longer ago than the nonce window, and settles it with the message it finds', async () => {
    await queue(alertIn(0), alertIn(1));
    const discord = scriptedSender([{ kind: 'transient', reason: 'socket reset' }], () => ({ kind: 'found', messageId: '777' }));
    await round(deps(discord.sender, { recheckAfterMs: 4 * 60_000 }));
    await round(deps(discord.sender, { recheckAfterMs: 4 * 60_000 }), minutes(3)); // inside the window: resent
    await queue(alertIn(2));
    await round(deps(discord.sender, { recheckAfterMs: 4 * 60_000 }), minutes(3)); // a new alert, sent at once
    expect(discord.looks).toEqual([]);
    expect(discord.posts.map((p) => p.ids)).toEqual([['X:wire:i0'], ['X:wire:i0'], ['X:wire:i1'], ['X:wire:i2']]);

    await queue(alertIn(3));
    const lost = scriptedSender([{ kind: 'transient', reason: 'socket reset' }], () => ({ kind: 'found', messageId: '777' }));
    await round(deps(lost.sender));
    await round(deps(lost.sender), minutes(10));
    expect(lost.looks).toEqual([['X:wire:i3']]);
    expect(lost.posts).toHaveLength(1);
    expect(await outbox.sentMessage('X:wire:i3')).toMatchObject({ channelId: 'X', messageId: '777' });
  });

  it('looks for a forum post before every resend, even inside the nonce window, since posts carry no nonce', async () => {
    const forumAlert = { ...alertIn(0), forum: true };
    await queue(forumAlert);
    const discord = scriptedSender([{ kind: 'transient', reason: 'socket reset' }], () => ({ kind: 'found', messageId: '888' }));
    await round(deps(discord.sender, { recheckAfterMs: 4 * 60_000 }));
    await round(deps(discord.sender, { recheckAfterMs: 4 * 60_000 }), minutes(1));
    expect(discord.looks).toEqual([['X:wire:i0']]);
    expect(discord.posts).toHaveLength(1);
    // the post's first message lives in the post itself, whose id is the message's
    expect(await outbox.sentMessage('X:wire:i0')).toEqual({ channelId: '888', messageId: '888', sentAt: minutes(1).toISOString() });
  });

  it('resends when it may not read the channel, saying so once per channel', async () => {
    await queue(alertIn(0));
    const discord = scriptedSender(
      [{ kind: 'transient', reason: 'socket reset' }, { kind: 'transient', reason: 'Discord 503' }],
      () => ({ kind: 'unreadable', reason: 'missing the Read Message History permission' }),
    );
    const d = deps(discord.sender, { unreadableChannels: new Set() });
    await round(d);
    await round(d, minutes(10));
    await round(d, minutes(20));
    expect(discord.posts.map((p) => p.nonce)).toEqual(Array(3).fill(messageNonce(['X:wire:i0'])));
    expect(logger.entries.filter((e) => e.message?.startsWith('cannot read the channel'))).toHaveLength(1);
  });
});
