import { Client, GatewayIntentBits, type ClientOptions } from 'discord.js';

/** How this process runs the gateway: every shard (`auto` or a count), or one shard of a fleet. */
export interface ShardingChoice {
  shards?: 'auto' | number;
  shard?: { id: number; count: number };
}

/**
 * The bot's client: the Guilds intent only (no privileged intents: slash commands need no message
 * content). `apiUrl` points REST at a proxy or the local twin; the gateway address comes from the API.
 */
export function createDiscordClient(options: { apiUrl?: string; sharding?: ShardingChoice }): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: options.apiUrl ? { api: options.apiUrl } : {},
    ...shardOptionsOf(options.sharding ?? {}),
    // Alerts set allowed_mentions themselves; this is the floor for anything else the bot sends.
    allowedMentions: { parse: [] },
  });
}

/**
 * discord.js internal sharding. Always explicit when sharding is asked for: left unset, discord.js reads
 * SHARDS and SHARD_COUNT from the environment itself (its ShardingManager's protocol), and `SHARDS=auto`
 * would not parse there. Without sharding nothing is passed (an explicit undefined counts as a value).
 */
export function shardOptionsOf(choice: ShardingChoice): Pick<ClientOptions, 'shards' | 'shardCount'> {
  if (choice.shard) return { shards: [choice.shard.id], shardCount: choice.shard.count };
  if (choice.shards === 'auto') return { shards: 'auto' };
  if (choice.shards !== undefined) return { shards: Array.from({ length: choice.shards }, (_, i) => i), shardCount: choice.shards };
  return {};
}
