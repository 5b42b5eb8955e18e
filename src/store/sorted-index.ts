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
}

/** The few Redis commands the index needs (satisfied by @redis/client). */
export interface SortedIndexClient {
  zAdd(key: string, members: { score: number; value: string }[]): Promise<unknown>;
  zRem(key: string, members: string[]): Promise<unknown>;
  zRange(key: string, min: number, max: number): Promise<string[]>;
  zCard(key: string): Promise<number>;
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
  };
}
