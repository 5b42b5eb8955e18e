import { Client, GatewayIntentBits, type ClientOptions } from 'discord.js';

/**
 * The bot's client: the Guilds intent only (no privileged intents: slash commands need no message
 * content). `apiUrl` points REST at a proxy or the local twin; the gateway address comes from the API.
 */
export function createDiscordClient(options: { apiUrl?: string; shards?: ClientOptions['shards']; shardCount?: number }): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: options.apiUrl ? { api: options.apiUrl } : {},
    // discord.js treats an explicit undefined as a value: pass sharding only when it is set.
    ...(options.shards !== undefined ? { shards: options.shards } : {}),
    ...(options.shardCount !== undefined ? { shardCount: options.shardCount } : {}),
    // Alerts set allowed_mentions themselves; this is the floor for anything else the bot sends.
    allowedMentions: { parse: [] },
  });
}
