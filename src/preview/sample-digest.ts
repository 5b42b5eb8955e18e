import type { Alert } from '../delivery/alert';
import { composeDigest } from '../delivery/compose-digest';
import type { SealedDigest } from '../store/digest-store';

const HEADLINES = [
  { title: 'Dysprosium tender draws record bids in Baotou', source: 'MINING.COM' },
  { title: 'Terbium oxide climbs for a third straight week', source: 'Mining Weekly' },
  { title: 'Heavy rare earth separation plant breaks ground in Malaysia', source: 'Stockhead' },
  { title: 'JOGMEC widens its rare earth stockpile programme', source: 'JOGMEC' },
  { title: 'Sojitz and JOGMEC extend their Lynas offtake to 2038', source: 'Google News' },
  { title: 'NdPr prices slip as magnet makers hold back orders', source: 'The Northern Miner' },
  { title: 'Beijing tightens export licences for rare earth magnet technology', source: 'SCMP' },
];

/**
 * A plausible hourly digest, composed and split by the bot's own code: seven invented headlines spread
 * over the configured topics (the first three topics, or as many as there are), due at the last full hour.
 */
export function makeSampleDigest(topics: readonly { id: string; name: string; colour: number }[], now: Date): Alert {
  const due = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  const since = new Date(due.getTime() - 3_600_000);
  const used = topics.slice(0, 3);
  const fallback = { id: 'news', name: 'News', colour: 0x5865f2 };
  const sealed: SealedDigest = {
    guildId: '100000000000000001',
    channelId: '300000000000000002',
    since: since.toISOString(),
    due: due.toISOString(),
    late: false,
    omitted: 0,
    stories: HEADLINES.map((h, i) => ({
      id: `sample-${i}`,
      story: { title: h.title, link: `https://news.example/story-${i + 1}`, source: h.source, time: new Date(since.getTime() + (i + 1) * 7 * 60_000).toISOString() },
      topics: [used.length > 0 ? (used[i % used.length] ?? fallback) : fallback],
      keys: [],
    })),
  };
  const [first] = composeDigest(sealed, { mode: 'hourly' });
  if (!first) throw new Error('the sample digest composed to no message');
  return first;
}
