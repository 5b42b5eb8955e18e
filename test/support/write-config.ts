import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

export const TEST_TOPICS = [
  { id: 'heavy-rare-earths', name: 'Heavy rare earths', colour: '#8e44ad', rules: ['heavy rare earth, dysprosium, terbium'] },
  { id: 'japan-supply-chain', name: "Japan's supply chain", colour: '#e74c3c', rules: ['JOGMEC, Sojitz', 'Lynas AND (Japan OR JOGMEC)'] },
  { id: 'prices-markets', name: 'Prices and markets', colour: '#f1c40f', rules: ['NdPr, rare earth futures'] },
];

/** Writes a config whose feeds point at the local feed server; returns its path. */
export function writeConfig(dir: string, feeds: { id: string; name: string; url: string }[], extra: Record<string, unknown> = {}): string {
  const file = join(dir, 'radar.yaml');
  const config = {
    schedule: '*/5 * * * *',
    store: `sqlite://${join(dir, 'radar.sqlite')}`,
    allowPrivateFeedAddresses: true,
    // A loopback fetch is quick, but a starved process on a busy machine is not: the timeout only catches a hang.
    limits: { requestTimeoutMs: 30_000, maxItemAgeHours: 48, firstPollMaxItems: 10, minHostIntervalMs: 0 },
    feeds,
    topics: TEST_TOPICS,
    ...extra,
  };
  writeFileSync(file, stringify(config));
  return file;
}
