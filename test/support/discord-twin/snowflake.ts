/** Discord's epoch (2015-01-01T00:00:00Z); snowflakes count milliseconds from it in their top 42 bits. */
export const DISCORD_EPOCH_MS = 1_420_070_400_000n;

export interface SnowflakeGenerator {
  next(): string;
  /** A snowflake whose timestamp part maps it to `shardId`, the way Discord routes guilds to shards. */
  nextOnShard(shardId: number, shardCount: number): string;
}

export function createSnowflakeGenerator(now: () => number = Date.now): SnowflakeGenerator {
  let increment = 0n;
  const build = (timestamp: bigint): string => {
    increment = (increment + 1n) & 0xfffn;
    // worker 1, process 0: constant bits that make the ids look like Discord's without meaning anything
    return ((timestamp << 22n) | (1n << 17n) | increment).toString();
  };
  const timestampNow = (): bigint => BigInt(Math.floor(now())) - DISCORD_EPOCH_MS;
  return {
    next: () => build(timestampNow()),
    nextOnShard(shardId, shardCount) {
      const count = BigInt(shardCount);
      const timestamp = timestampNow();
      // moves the timestamp at most shardCount-1 ms forward so that (id >> 22) % count === shardId
      const shift = (BigInt(shardId) - (timestamp % count) + count) % count;
      return build(timestamp + shift);
    },
  };
}

/** Discord's sharding formula: shard_id = (guild_id >> 22) % num_shards. */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

export function isSnowflake(value: string): boolean {
  return /^\d{1,20}$/.test(value);
}
