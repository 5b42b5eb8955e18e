import type { Alert } from '../../src/delivery/alert';
import { packAlerts } from '../../src/discord/format-alert';
import { compactLine } from '../../src/discord/format-compact';
import { makeItem } from '../support/builders';
import { assertWithinDiscordLimits } from '../support/discord-limits';

const compact = (n: number, title: string, link = `https://wire.example/${n}`): Alert => ({
  id: `C:wire:${n}`,
  guildId: 'G',
  channelId: 'C',
  item: { ...makeItem(), id: String(n), title, link },
  topics: [{ id: 'heavy', name: 'Heavy rare earths', colour: 1, terms: [] }],
  hits: [],
  createdAt: '2026-03-10T10:00:00.000Z',
  compact: true,
});

describe('compact alerts', () => {
  it('neutralises mentions and markdown from the feed in the line', () => {
    const line = compactLine(compact(1, '@everyone look: **NdPr** [x](y) <@&123>'));
    expect(line).not.toMatch(/@everyone|<@&123>/);
    expect(line).toContain('\\*\\*NdPr\\*\\*');
    expect(line).toContain('\\[x\\](y)');
  });

  it('drops a link too long for a line, and packs a backlog into messages Discord accepts', () => {
    const alerts = Array.from({ length: 10 }, (_, i) => compact(i, `Terbium cargo ${i} ${'long words '.repeat(20)}`, `https://wire.example/${'p'.repeat(i % 2 === 0 ? 1900 : 10)}`));
    expect(compactLine(alerts[0]!)).not.toContain('https://');
    const messages = packAlerts(alerts);
    expect(messages.flatMap((m) => m.alerts)).toHaveLength(10);
    for (const message of messages) {
      assertWithinDiscordLimits(message.body);
      expect(message.body.embeds).toBeUndefined();
    }
  });
});
