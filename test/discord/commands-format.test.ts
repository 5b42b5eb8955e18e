import { fitLines } from '../../src/discord/commands/list-reply';
import { statusLines } from '../../src/discord/commands/status';
import { missingPostingPermissions } from '../../src/discord/commands/channel-access';
import { PermissionFlagsBits, PermissionsBitField } from 'discord.js';

describe('fitLines', () => {
  const lines = ['alpha', 'bravo', 'charlie', 'delta'];
  test.each([
    [100, 'alpha\nbravo\ncharlie\ndelta'],
    [25, 'alpha\nbravo\ncharlie\ndelta'],
    [24, 'alpha\nbravo\n… and 2 more'],
    [20, 'alpha\n… and 3 more'],
    [12, '… and 4 more'],
  ])('fits in %i characters', (limit, expected) => {
    expect(fitLines(lines, limit)).toBe(expected);
  });

  it('never exceeds the limit', () => {
    const many = Array.from({ length: 500 }, (_, i) => `• line number ${i} with some words`);
    for (const limit of [50, 999, 4096]) expect(fitLines(many, limit).length).toBeLessThanOrEqual(limit);
  });
});

describe('statusLines', () => {
  it('summarises polls, feeds, alerts and undeliverable subscriptions', () => {
    const lines = statusLines({
      lastPollAt: '2025-03-01T10:00:00.000Z',
      nextPollAt: '2025-03-01T10:05:00.000Z',
      feeds: [
        { id: 'a', name: 'A', ok: true },
        { id: 'b', name: 'B', ok: false, lastError: 'HTTP 503', failingSince: '2025-03-01T08:00:00.000Z' },
        { id: 'c', name: 'C' },
      ],
      alertsLast24h: 7,
      broken: [{ channelId: '42', topicId: 'gallium', reason: 'Missing Access', at: '2025-03-01T09:00:00.000Z' }],
      pendingAlerts: 2,
    });
    expect(lines).toEqual([
      'Last poll: <t:1740823200:R> · next poll: <t:1740823500:R>',
      'Feeds: 1 OK, 1 failing, 1 not polled yet',
      'Alerts posted in the last 24 h: 7 (2 waiting to be sent)',
      '• `b` **B** — ❌ failing since <t:1740816000:R>: HTTP 503',
      '**Subscriptions that cannot be delivered**',
      '⚠️ <#42> (`gallium`) — Missing Access, since <t:1740819600:R>. Fix it, then /subscribe again.',
    ]);
  });
});

describe('missingPostingPermissions', () => {
  const { ViewChannel, SendMessages, EmbedLinks, Administrator } = PermissionFlagsBits;
  test.each([
    ['all three', [ViewChannel, SendMessages, EmbedLinks], []],
    ['no embeds', [ViewChannel, SendMessages], ['Embed Links']],
    ['view only', [ViewChannel], ['Send Messages', 'Embed Links']],
    ['nothing', [], ['View Channel', 'Send Messages', 'Embed Links']],
    ['administrator', [Administrator], []],
  ])('with %s', (_label, bits, missing) => {
    expect(missingPostingPermissions(new PermissionsBitField(bits))).toEqual(missing);
  });

  it('counts unknown permissions as missing', () => {
    expect(missingPostingPermissions(null)).toEqual(['View Channel', 'Send Messages', 'Embed Links']);
  });
});
