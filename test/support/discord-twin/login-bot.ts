import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, type ClientOptions } from 'discord.js';
import type { DiscordTwin } from './types';

/** A hang guard, not a speed check: logging in can take many seconds on a busy machine. */
export const LOGIN_TIMEOUT_MS = 60_000;

/**
 * Logs a real discord.js client into the twin and waits for clientReady (all guilds cached).
 * The caller owns the client and must `await client.destroy()`.
 */
export async function loginBot(twin: DiscordTwin, options: Partial<ClientOptions> = {}): Promise<Client<true>> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    ...options,
    rest: { ...options.rest, api: twin.apiUrl },
  });
  const ready = once(client, Events.ClientReady, { signal: AbortSignal.timeout(LOGIN_TIMEOUT_MS) });
  try {
    await Promise.all([ready, client.login(twin.token)]);
  } catch (error: unknown) {
    await client.destroy();
    throw error;
  }
  return client as Client<true>;
}
