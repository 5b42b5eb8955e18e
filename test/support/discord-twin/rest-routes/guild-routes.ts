import type { GuildRecord } from '../guild-store';
import { channelPayload, guildPayload, memberPayload, rolePayload } from '../payloads';
import { Errors, jsonResult, type RouteContext, type RouteDefinition, type RouteResult } from '../router';
import type { RouteDeps } from './route-deps';

/** Read-only guild, channel, member and role lookups. */
export function guildRoutes({ state }: RouteDeps): RouteDefinition[] {
  const inGuild = (action: (guild: GuildRecord, context: RouteContext) => RouteResult) => (context: RouteContext) => {
    const guild = state.guilds.get(context.params.guildId ?? '');
    return guild ? action(guild, context) : Errors.unknownGuild();
  };
  return [
    {
      method: 'GET',
      pattern: '/guilds/:guildId',
      handle: inGuild((guild, { query }) => {
        const counts = query.get('with_counts') === 'true'
          ? { approximate_member_count: guild.members.length, approximate_presence_count: 0 }
          : {};
        return jsonResult(200, { ...guildPayload(guild), ...counts });
      }),
    },
    { method: 'GET', pattern: '/guilds/:guildId/channels', handle: inGuild((guild) => jsonResult(200, guild.channels.map(channelPayload))) },
    { method: 'GET', pattern: '/guilds/:guildId/roles', handle: inGuild((guild) => jsonResult(200, guild.roles.map(rolePayload))) },
    {
      method: 'GET',
      pattern: '/guilds/:guildId/members',
      handle: inGuild((guild, { query }) => {
        const limit = Number(query.get('limit') ?? '1');
        const after = query.get('after') ?? '0';
        const members = guild.members.filter((member) => BigInt(member.userId) > BigInt(after)).slice(0, limit);
        return jsonResult(200, members.map(memberPayload));
      }),
    },
    {
      method: 'GET',
      pattern: '/guilds/:guildId/members/:userId',
      handle: inGuild((guild, { params }) => {
        const member = guild.members.find((candidate) => candidate.userId === params.userId);
        return member ? jsonResult(200, memberPayload(member)) : Errors.unknownMember();
      }),
    },
    {
      method: 'GET',
      pattern: '/channels/:channelId',
      handle: ({ params }) => {
        const found = state.guilds.findChannel(params.channelId ?? '');
        return found ? jsonResult(200, channelPayload(found.channel)) : Errors.unknownChannel();
      },
    },
  ];
}
