import { Routes, type Client } from 'discord.js';
import type { NoticePoster } from '../delivery/notice-poster';
import { postingProblem } from './commands/channel-access';
import { alertNonce } from './alert-sender';
import type { DeliveryRest } from './gated-rest';

/**
 * Health notices over REST. The system channel comes from the gateway cache (a server this process does
 * not see, under sharding, falls back to the listed channels); a channel the bot cannot post in, judged
 * from the cache, is skipped rather than costing a 403. `rest` is the delivery path's gated REST.
 */
export function createNoticePoster(client: Client, rest: DeliveryRest = client.rest): NoticePoster {
  return {
    async post(guildId, target, text) {
      const guild = client.guilds.cache.get(guildId);
      const system = target.preferSystemChannel ? guild?.systemChannelId : undefined;
      const candidates = [...new Set([system, ...target.channelIds].filter((id): id is string => id !== undefined && id !== null && id !== target.avoid))];
      for (const channelId of candidates) {
        if (guild && (await postingProblem(guild, channelId).catch(() => 'unknown'))) continue;
        try {
          const body = { content: text, allowed_mentions: { parse: [] }, nonce: alertNonce(`notice:${target.id}:${channelId}`), enforce_nonce: true };
          await rest.post(Routes.channelMessages(channelId), { body });
          return channelId;
        } catch {
          // Refused or unreachable: the next candidate may take it.
        }
      }
      return undefined;
    },
  };
}
