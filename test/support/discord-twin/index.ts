import { createFaultInjector, type FaultInjector } from './faults';
import { createGateway, type Gateway } from './gateway';
import { viewGuild } from './guild-store';
import { createInteractionBroker, type InteractionBroker } from './interactions';
import { channelPayload, gatewayGuildPayload } from './payloads';
import { Permission } from './permissions';
import { createRateLimiter } from './rate-limit';
import { commandRoutes } from './rest-routes/command-routes';
import { guildRoutes } from './rest-routes/guild-routes';
import { interactionRoutes } from './rest-routes/interaction-routes';
import { messageRoutes } from './rest-routes/message-routes';
import { threadRoutes } from './rest-routes/thread-routes';
import { metaRoutes } from './rest-routes/meta-routes';
import { GATEWAY_PATH, startTwinServer, type TwinServer } from './server';
import { createTwinState, type TwinState } from './state';
import type { DiscordTwin, RestLogEntry, TwinOptions } from './types';

export type * from './types';
export { loginBot } from './login-bot';

/** Starts a local Discord (REST v10 + gateway) on 127.0.0.1 with an ephemeral port. */
export async function startDiscordTwin(options: TwinOptions = {}): Promise<DiscordTwin> {
  const state = createTwinState(options);
  let port = 0;
  const gatewayUrl = (): string => `ws://127.0.0.1:${port}${GATEWAY_PATH}`;
  const gateway = createGateway(state, gatewayUrl);
  const interactions = createInteractionBroker(state, gateway);
  const deps = { state, gateway, interactions, gatewayUrl };
  const log: RestLogEntry[] = [];
  const faults = createFaultInjector(state.config.now);
  const server = await startTwinServer({
    state,
    routes: [...metaRoutes(deps), ...commandRoutes(deps), ...guildRoutes(deps), ...messageRoutes(deps), ...threadRoutes(deps), ...interactionRoutes(deps)],
    faults,
    limiter: createRateLimiter({ now: state.config.now, globalPerSecond: state.config.globalPerSecond }),
    gateway,
    log,
  });
  port = server.port;
  return createTwinFacade({ state, gateway, interactions, server, log, gatewayUrl: gatewayUrl(), faults });
}

interface FacadeParts {
  state: TwinState;
  gateway: Gateway;
  interactions: InteractionBroker;
  server: TwinServer;
  log: RestLogEntry[];
  gatewayUrl: string;
  faults: FaultInjector;
}

function createTwinFacade({ state, gateway, interactions, server, log, gatewayUrl, faults }: FacadeParts): DiscordTwin {
  const { config, guilds, messages } = state;
  const requireChannel = (guildId: string, channelId: string) => {
    const channel = guilds.get(guildId)?.channels.find((candidate) => candidate.id === channelId);
    if (!channel) throw new Error(`Discord twin: guild ${guildId} has no channel ${channelId}`);
    return channel;
  };
  // The bot's own overwrite in a channel: one deny bit set or cleared, the others kept.
  const setBotDeny = (guildId: string, channelId: string, bit: bigint, denied: boolean): void => {
    const channel = requireChannel(guildId, channelId);
    const own = channel.overwrites.find((overwrite) => overwrite.type === 1 && overwrite.id === config.bot.id);
    const deny = denied ? (own?.deny ?? 0n) | bit : (own?.deny ?? 0n) & ~bit;
    channel.overwrites = channel.overwrites.filter((overwrite) => overwrite !== own);
    if (deny !== 0n) channel.overwrites.push({ id: config.bot.id, type: 1, allow: own?.allow ?? 0n, deny });
    gateway.dispatchToGuild(guildId, 'CHANNEL_UPDATE', channelPayload(channel));
  };
  return {
    apiUrl: `http://127.0.0.1:${server.port}/api`,
    gatewayUrl,
    token: config.token,
    applicationId: config.applicationId,
    botUserId: config.bot.id,
    addGuild(input = {}) {
      if (input.id && guilds.get(input.id)) throw new Error(`Discord twin: guild ${input.id} already exists`);
      const guild = guilds.add(input);
      gateway.dispatchToGuild(guild.id, 'GUILD_CREATE', gatewayGuildPayload(guild));
      return viewGuild(guild);
    },
    removeGuild(guildId) {
      if (guilds.remove(guildId)) gateway.dispatchToGuild(guildId, 'GUILD_DELETE', { id: guildId });
    },
    invokeCommand: (input) => interactions.invokeCommand(input),
    autocomplete: (input) => interactions.autocomplete(input),
    clickButton: (input) => interactions.clickButton(input),
    messages: (channelId) => messages.list(channelId),
    waitForMessages: (channelId, count, timeoutMs) => messages.waitFor(channelId, count, timeoutMs),
    forumPosts(forumId) {
      const located = guilds.findChannel(forumId);
      if (!located) return [];
      const tags = located.channel.availableTags ?? [];
      return located.guild.channels
        .filter((c) => c.thread?.parentId === forumId)
        .flatMap((c) => {
          const message = messages.find(c.id, c.id);
          if (!message) return [];
          const tagNames = c.thread!.appliedTags.map((id) => tags.find((t) => t.id === id)?.name ?? id);
          return [{ threadId: c.id, name: c.name, tags: tagNames, ownerId: c.thread!.ownerId, message }];
        });
    },
    deleteMessage: (channelId, messageId) => messages.remove(channelId, messageId),
    get commands() {
      return state.commands.view();
    },
    requests: log,
    failRest: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    dropGateway: (code = 4000) => gateway.drop(code),
    deleteChannel(guildId, channelId) {
      const channel = requireChannel(guildId, channelId);
      guilds.removeChannel(guildId, channelId);
      gateway.dispatchToGuild(guildId, 'CHANNEL_DELETE', channelPayload(channel));
    },
    setBotPermissions: (guildId, channelId, allow) => setBotDeny(guildId, channelId, Permission.SendMessages, !allow),
    setBotHistoryAccess: (guildId, channelId, allow) => setBotDeny(guildId, channelId, Permission.ReadMessageHistory, !allow),
    gatewaySessions: () => gateway.sessions(),
    newSnowflake: (onShard) => (onShard ? state.ids.nextOnShard(onShard.shardId, onShard.shardCount) : state.ids.next()),
    async close() {
      interactions.close();
      messages.close();
      await gateway.close();
      await server.close();
    },
  };
}
