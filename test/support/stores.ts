import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@keyv/redis';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A fresh SQLite store URL in its own temp dir; call `cleanup` in afterAll. */
export function tempSqliteUrl(): { url: string; dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'radar-test-'));
  return { url: `sqlite://${join(dir, 'radar.sqlite')}`, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Whether Redis answers. Outside CI a missing Redis skips its tests with a loud notice;
 * with REQUIRE_REDIS=1 (set by .ci/run) it is a failure instead, so CI can never pass by skipping.
 */
export async function redisAvailable(): Promise<boolean> {
  const client = createClient({ url: REDIS_URL, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    if (process.env.REQUIRE_REDIS === '1') throw new Error(`REQUIRE_REDIS=1 but Redis does not answer at ${REDIS_URL}`);
    process.stderr.write(`\n!!! Redis is not reachable at ${REDIS_URL}: SKIPPING the Redis tests. Start it with\n!!!   redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no\n\n`);
    return false;
  } finally {
    if (client.isOpen) await client.quit();
  }
}

/** The logical databases this test file was handed by freshRedisUrl, emptied again once the file is done. */
const filledDbs = new Set<string>();

/** A Redis URL whose keys this test owns: a separate logical database, flushed first and again after the file. */
export async function freshRedisUrl(db: number): Promise<string> {
  const url = `${REDIS_URL.replace(/\/\d+$/, '')}/${db}`;
  filledDbs.add(url);
  await flushDb(url);
  return url;
}

async function flushDb(url: string): Promise<void> {
  const client = createClient({ url, socket: { reconnectStrategy: false } });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.flushDb();
  } finally {
    await client.quit();
  }
}

// Leaves no test data behind in the shared Redis: only the databases this file filled, never another's.
// Registered on import, so every file that can call freshRedisUrl cleans up after itself.
afterAll(async () => {
  for (const url of filledDbs) await flushDb(url);
  filledDbs.clear();
});
