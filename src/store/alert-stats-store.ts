import type { KeyValue } from './key-value';

const HOUR_MS = 3_600_000;

/** Alerts posted per server per hour, kept 25 hours: enough for `/status`'s "last 24 h". */
export interface AlertStatsStore {
  recordSent(guildId: string, at: Date): Promise<void>;
  countSince(guildId: string, since: Date, now: Date): Promise<number>;
}

export function createAlertStatsStore(kv: KeyValue): AlertStatsStore {
  const bucketKey = (guildId: string, hour: number) => `stats:sent:${guildId}:${hour}`;
  return {
    recordSent(guildId, at) {
      const key = bucketKey(guildId, Math.floor(at.getTime() / HOUR_MS));
      // Locked so two sends in the same hour, on any instances, do not both read n and write n + 1.
      return kv.withLock(key, async () => {
        const count = (await kv.get<number>(key)) ?? 0;
        await kv.set(key, count + 1, 25 * HOUR_MS);
      });
    },
    async countSince(guildId, since, now) {
      const first = Math.floor(since.getTime() / HOUR_MS);
      const last = Math.floor(now.getTime() / HOUR_MS);
      const hours = Array.from({ length: last - first + 1 }, (_, i) => first + i);
      const counts = await kv.getMany<number>(hours.map((h) => bucketKey(guildId, h)));
      return counts.reduce<number>((sum, n) => sum + (typeof n === 'number' ? n : 0), 0);
    },
  };
}
