/**
 * Named ordered sets of members: a ZSET per name on Redis, rows of one table on SQLite. Adding or removing
 * a member costs O(log n), whatever else the set holds, where a JSON document listing them is rewritten
 * whole on every change. Members come back ordered by score, then by member.
 */
export interface SortedIndex {
  add(name: string, entries: readonly { member: string; score: number }[]): Promise<void>;
  remove(name: string, members: readonly string[]): Promise<void>;
  members(name: string): Promise<string[]>;
  size(name: string): Promise<number>;
  /** Members scored from `min` to `max` (inclusive), ordered as `members`: an append-only log read by time. */
  range(name: string, min: number, max: number): Promise<string[]>;
  /** How many members are scored from `min` to `max` (inclusive). */
  count(name: string, min: number, max: number): Promise<number>;
  /** Drops the members scored below `score`: how a log by time forgets its old entries. */
  removeBelow(name: string, score: number): Promise<void>;
}

/** The few Redis commands the index needs (satisfied by @redis/client). */
export interface SortedIndexClient {
  zAdd(key: string, members: { score: number; value: string }[]): Promise<unknown>;
  zRem(key: string, members: string[]): Promise<unknown>;
  zRange(key: string, min: number, max: number): Promise<string[]>;
  zCard(key: string): Promise<number>;
  zRangeByScore(key: string, min: number, max: number): Promise<string[]>;
  zCount(key: string, min: number, max: number): Promise<number>;
  zRemRangeByScore(key: string, min: number | string, max: number | string): Promise<unknown>;
}

/** Redis orders equal scores by member, as SQLite's index is asked to. */
export function createRedisIndex(client: SortedIndexClient, prefix = 'radar:index:'): SortedIndex {
  return {
    async add(name, entries) {
      if (entries.length > 0) await client.zAdd(`${prefix}${name}`, entries.map(({ member, score }) => ({ score, value: member })));
    },
    async remove(name, members) {
      if (members.length > 0) await client.zRem(`${prefix}${name}`, [...members]);
    },
    members: (name) => client.zRange(`${prefix}${name}`, 0, -1),
    size: (name) => client.zCard(`${prefix}${name}`),
    range: (name, min, max) => client.zRangeByScore(`${prefix}${name}`, min, max),
    count: (name, min, max) => client.zCount(`${prefix}${name}`, min, max),
    async removeBelow(name, score) {
      await client.zRemRangeByScore(`${prefix}${name}`, '-inf', `(${score}`);
    },
  };
}
