import { userPayload } from '../payloads';
import { errorResult, jsonResult, type RouteDefinition } from '../router';
import type { RouteDeps } from './route-deps';

/** Discord's default identify budget per day. */
const SESSION_START_TOTAL = 1_000;
const DAY_MS = 86_400_000;
/** Large-bot concurrency, so discord.js identifies several shards at once instead of 5 s apart. */
const MAX_CONCURRENCY = 16;

/** Gateway discovery, the bot user and its application. */
export function metaRoutes({ state, gateway, gatewayUrl }: RouteDeps): RouteDefinition[] {
  const { config } = state;
  const botUser = (): Record<string, unknown> => ({
    ...userPayload(config.bot.id, config.bot.username, true),
    verified: true,
    mfa_enabled: false,
    email: null,
  });
  const application = (): Record<string, unknown> => ({
    id: config.applicationId,
    name: config.bot.username,
    icon: null,
    description: '',
    summary: '',
    type: null,
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: 0,
    hook: true,
    owner: userPayload(state.ids.next(), 'twin-owner'),
    team: null,
    bot: botUser(),
    approximate_guild_count: state.guilds.all().length,
    tags: [],
    redirect_uris: [],
    interactions_endpoint_url: null,
  });
  return [
    { method: 'GET', pattern: '/gateway', auth: false, handle: () => jsonResult(200, { url: gatewayUrl() }) },
    {
      method: 'GET',
      pattern: '/gateway/bot',
      handle: () =>
        jsonResult(200, {
          url: gatewayUrl(),
          shards: config.recommendedShards,
          session_start_limit: {
            total: SESSION_START_TOTAL,
            remaining: Math.max(SESSION_START_TOTAL - gateway.identifiesUsed(), 0),
            reset_after: DAY_MS,
            max_concurrency: MAX_CONCURRENCY,
          },
        }),
    },
    { method: 'GET', pattern: '/users/@me', handle: () => jsonResult(200, botUser()) },
    {
      method: 'GET',
      pattern: '/users/:userId',
      handle: ({ params }) => {
        for (const guild of state.guilds.all()) {
          const member = guild.members.find((candidate) => candidate.userId === params.userId);
          if (member) return jsonResult(200, userPayload(member.userId, member.username, member.bot));
        }
        return errorResult(404, 10013, 'Unknown User');
      },
    },
    { method: 'GET', pattern: '/applications/@me', handle: () => jsonResult(200, application()) },
    { method: 'GET', pattern: '/oauth2/applications/@me', handle: () => jsonResult(200, application()) },
  ];
}
