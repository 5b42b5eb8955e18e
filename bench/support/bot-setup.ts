import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { RadarConfig } from '../../src/config/config-schema';
import { parseConfigText } from '../../src/config/load-config';
import { subscribe } from '../../src/guilds/edit-subscriptions';
import { createGuildSettingsStore } from '../../src/store/guild-settings-store';
import { openStore } from '../../src/store/open-store';
import { REPO_ROOT } from './paths';

/** A config for a benchmark: the default config's topics and rules, the given feeds and schedule. */
export function benchConfig(input: { feeds: { id: string; name: string; url: string }[]; schedule?: string; limits?: Record<string, number> }): Readonly<RadarConfig> {
  const defaults = parse(readFileSync(join(REPO_ROOT, 'config/default.yaml'), 'utf8')) as { topics: unknown[] };
  const config = {
    schedule: input.schedule ?? '0 0 1 1 *', // yearly: the benchmark decides when polls happen
    allowPrivateFeedAddresses: true,
    ...(input.limits ? { limits: input.limits } : {}),
    feeds: input.feeds,
    topics: defaults.topics,
  };
  return parseConfigText(stringify(config), 'bench.yaml');
}

export interface TempStore {
  storeUrl: string;
  remove(): void;
}

/** A fresh SQLite store in a temporary directory, as `start` would use. */
export function createTempStore(prefix: string): TempStore {
  const dir = mkdtempSync(join(tmpdir(), `radar-bench-${prefix}-`));
  return { storeUrl: `sqlite://${join(dir, 'radar.sqlite')}`, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A channel's subscription: to one topic, or to every topic when `topicId` is absent. */
export interface SeedSubscription {
  channelId: string;
  topicId?: string;
}

/** Subscribes channels as `/subscribe` would, writing straight to the store before the bot starts. */
export async function seedSubscriptions(storeUrl: string, guilds: readonly { guildId: string; subscriptions: readonly SeedSubscription[] }[]): Promise<void> {
  const kv = await openStore(storeUrl);
  const store = createGuildSettingsStore(kv);
  const now = new Date();
  for (const { guildId, subscriptions } of guilds) {
    for (const input of subscriptions) {
      await store.update(guildId, (settings) => ({ settings: subscribe(settings, input, now).settings, result: undefined }));
    }
  }
  await kv.close();
}
