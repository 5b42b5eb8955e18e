import { formatAlertMessage, packAlerts } from '../../src/discord/format-alert';
import { composeDigest } from '../../src/delivery/compose-digest';
import type { BufferedStory, SealedDigest } from '../../src/store/digest-store';
import { assertWithinDiscordLimits } from '../support/discord-limits';

const topics = Array.from({ length: 7 }, (_, i) => ({ id: `t${i}`, name: `Topic number ${i} ${'with a long name '.repeat(5)}`, colour: 0x8e44ad + i }));

function sealedWith(stories: BufferedStory[]): SealedDigest {
  return { guildId: 'G', channelId: 'C', since: '2026-03-10T10:00:00.000Z', due: '2026-03-10T11:00:00.000Z', late: false, stories, omitted: 0 };
}

function storyN(n: number, title: string, link = `https://wire.example/${n}`): BufferedStory {
  return { id: `s${n}`, story: { title, link, source: `Source ${n % 3}`, time: new Date(Date.parse('2026-03-10T10:00:00Z') + n * 1000).toISOString() }, topics: [topics[n % topics.length]!], keys: [] };
}

describe('composing a digest', () => {
  it('splits a large digest over messages Discord accepts, listing every story once, in parts numbered in order', () => {
    // Hostile widths: markdown that doubles when escaped, 2 KB links, long topic names.
    const stories = Array.from({ length: 250 }, (_, i) => storyN(i, `story ${i} ${'*_~`|'.repeat(40)}`, i % 5 === 0 ? `https://wire.example/${'x'.repeat(2000)}` : undefined));
    const parts = composeDigest(sealedWith(stories), { mode: 'daily', timeZone: 'Europe/Berlin' });
    expect(parts.length).toBeGreaterThan(1);
    const seen: string[] = [];
    parts.forEach((alert, index) => {
      expect(alert.digest?.part).toBe(index + 1);
      expect(alert.digest?.parts).toBe(parts.length);
      const body = formatAlertMessage(alert);
      assertWithinDiscordLimits(body);
      expect(body.content).toContain(`part ${index + 1} of ${parts.length}`);
      seen.push(...(body.embeds ?? []).flatMap((e) => (e.description ?? '').split('\n')).map((line) => /story (\d+)/.exec(line)?.[1] ?? '?'));
    });
    expect(seen.sort((a, b) => Number(a) - Number(b))).toEqual(stories.map((_, i) => String(i)));
  });

  it('gives the same messages under the same ids when composed again (a retry after a crash)', () => {
    const sealed = sealedWith([storyN(1, 'Terbium climbs'), storyN(2, 'Dysprosium slips')]);
    expect(composeDigest(sealed, { mode: 'hourly' })).toEqual(composeDigest(sealed, { mode: 'hourly' }));
    expect(composeDigest(sealed, { mode: 'hourly' }).map((a) => a.id)).toEqual(['digest:C:2026-03-10T11:00:00.000Z:1']);
  });

  it('never packs a digest with alerts, and marks a late one', () => {
    const [digest] = composeDigest({ ...sealedWith([storyN(1, 'Terbium climbs')]), late: true }, { mode: 'hourly' });
    expect(formatAlertMessage(digest!).content).toMatch(/late/);
    expect(packAlerts([digest!, digest!]).map((m) => m.alerts.length)).toEqual([1, 1]);
  });
});
