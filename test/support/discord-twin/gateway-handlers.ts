import { isRecord } from './form-errors';
import { CloseCode, dispatch, Op, sendPayload, type GatewayConnection, type GatewaySession } from './gateway-session';
import { gatewayGuildPayload, memberPayload, userPayload } from './payloads';
import { shardOfGuild } from './snowflake';
import type { TwinState } from './state';

export interface GatewayHost {
  state: TwinState;
  publicUrl(): string;
  createSession(connection: GatewayConnection, shardId: number, shardCount: number): GatewaySession;
  findSession(id: string): GatewaySession | undefined;
  later(action: () => void, delayMs: number): void;
}

/**
 * discord.js handles each incoming frame in its own async chain, so a GUILD_CREATE read in the same
 * TCP chunk as READY can overtake it and leave the shard waiting 15 s for guilds it already got.
 */
const GUILD_CREATE_DELAY_MS = 10;

export function handleGatewayPayload(connection: GatewayConnection, payload: unknown, host: GatewayHost): void {
  if (!isRecord(payload) || typeof payload.op !== 'number') {
    return connection.socket.close(CloseCode.DecodeError, 'Error while decoding payload.');
  }
  const data = payload.d;
  switch (payload.op) {
    case Op.Heartbeat:
      return sendPayload(connection, { op: Op.HeartbeatAck, d: null });
    case Op.Identify:
      return identify(connection, data, host);
    case Op.Resume:
      return resume(connection, data, host);
    case Op.RequestGuildMembers:
      if (requireSession(connection) && connection.session) sendMemberChunks(connection.session, data, host.state);
      return;
    case Op.PresenceUpdate:
    case Op.VoiceStateUpdate:
    case Op.RequestSoundboardSounds:
      requireSession(connection);
      return;
    default:
      return connection.socket.close(CloseCode.UnknownOpcode, 'Unknown opcode.');
  }
}

function requireSession(connection: GatewayConnection): boolean {
  if (connection.session) return true;
  connection.socket.close(CloseCode.NotAuthenticated, 'Not authenticated.');
  return false;
}

function checkAuth(connection: GatewayConnection, data: unknown, host: GatewayHost): data is Record<string, unknown> {
  if (connection.session) {
    connection.socket.close(CloseCode.AlreadyAuthenticated, 'Already authenticated.');
    return false;
  }
  const token = isRecord(data) && typeof data.token === 'string' ? data.token.replace(/^Bot\s+/i, '') : undefined;
  if (token !== host.state.config.token) {
    connection.socket.close(CloseCode.AuthenticationFailed, 'Authentication failed.');
    return false;
  }
  return true;
}

function identify(connection: GatewayConnection, data: unknown, host: GatewayHost): void {
  if (!checkAuth(connection, data, host)) return;
  if (typeof data.intents !== 'number') return connection.socket.close(CloseCode.InvalidIntents, 'Invalid intent(s).');
  const shard = Array.isArray(data.shard) ? data.shard : [0, 1];
  const [shardId, shardCount] = shard;
  if (!Number.isInteger(shardId) || !Number.isInteger(shardCount) || shardCount < 1 || shardId < 0 || shardId >= shardCount) {
    return connection.socket.close(CloseCode.InvalidShard, 'Invalid shard.');
  }
  if (data.compress === true) connection.encoder.enableIdentifyCompression();
  const session = host.createSession(connection, shardId as number, shardCount as number);
  connection.session = session;
  const { state } = host;
  const guildIds = state.guilds.all().map((guild) => guild.id).filter((id) => shardOfGuild(id, session.shardCount) === session.shardId);
  dispatch(session, 'READY', readyPayload(session, guildIds, host));
  host.later(() => {
    for (const id of guildIds) {
      const guild = state.guilds.get(id);
      if (guild) dispatch(session, 'GUILD_CREATE', gatewayGuildPayload(guild));
    }
  }, GUILD_CREATE_DELAY_MS);
}

function readyPayload(session: GatewaySession, guildIds: string[], host: GatewayHost): Record<string, unknown> {
  const { config } = host.state;
  return {
    v: 10,
    user: { ...userPayload(config.bot.id, config.bot.username, true), verified: true, mfa_enabled: false, email: null },
    guilds: guildIds.map((id) => ({ id, unavailable: true })),
    session_id: session.id,
    session_type: 'normal',
    resume_gateway_url: host.publicUrl(),
    shard: [session.shardId, session.shardCount],
    application: { id: config.applicationId, flags: 0 },
    user_settings: {},
    private_channels: [],
    presences: [],
    relationships: [],
    guild_join_requests: [],
    geo_ordered_rtc_regions: ['local'],
    auth: {},
    _trace: ['["discord-twin"]'],
  };
}

function resume(connection: GatewayConnection, data: unknown, host: GatewayHost): void {
  if (!checkAuth(connection, data, host)) return;
  const session = typeof data.session_id === 'string' ? host.findSession(data.session_id) : undefined;
  const seq = typeof data.seq === 'number' ? data.seq : -1;
  const firstKept = session?.replay[0]?.s;
  const missedEventsGone = typeof firstKept === 'number' && seq < firstKept - 1;
  // Discord answers op 9 (not resumable) when the session is gone or the missed events are no longer kept.
  if (!session || seq < 0 || seq > session.seq || missedEventsGone) {
    return sendPayload(connection, { op: Op.InvalidSession, d: false });
  }
  if (session.connection && session.connection !== connection) session.connection.socket.terminate();
  session.connection = connection;
  connection.session = session;
  for (const missed of session.replay) {
    if ((missed.s ?? 0) > seq) sendPayload(connection, missed);
  }
  dispatch(session, 'RESUMED', { _trace: ['["discord-twin"]'] });
}

function sendMemberChunks(session: GatewaySession, data: unknown, state: TwinState): void {
  if (!isRecord(data)) return;
  const guildIds = Array.isArray(data.guild_id) ? data.guild_id : [data.guild_id];
  const userIds = Array.isArray(data.user_ids) ? data.user_ids.map(String) : typeof data.user_ids === 'string' ? [data.user_ids] : null;
  const query = typeof data.query === 'string' ? data.query.toLowerCase() : '';
  for (const guildId of guildIds) {
    const guild = state.guilds.get(String(guildId));
    if (!guild) continue;
    const members = guild.members.filter((member) =>
      userIds ? userIds.includes(member.userId) : member.username.toLowerCase().startsWith(query),
    );
    const found = new Set(members.map((member) => member.userId));
    dispatch(session, 'GUILD_MEMBERS_CHUNK', {
      guild_id: guild.id,
      members: members.map(memberPayload),
      chunk_index: 0,
      chunk_count: 1,
      not_found: (userIds ?? []).filter((id) => !found.has(id)),
      nonce: data.nonce,
    });
  }
}
