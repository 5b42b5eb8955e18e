import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { createPayloadEncoder } from './gateway-encoding';
import { handleGatewayPayload, type GatewayHost } from './gateway-handlers';
import { CloseCode, dispatch, Op, sendPayload, type GatewayConnection, type GatewaySession } from './gateway-session';
import { shardOfGuild } from './snowflake';
import type { TwinState } from './state';
import type { GatewaySessionView } from './types';

export interface Gateway {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Sends an event to every session whose shard owns the guild; returns how many sessions got it. */
  dispatchToGuild(guildId: string, event: string, data: unknown): number;
  /** Sends an interaction to the newest session owning the guild; false when no session does. */
  dispatchInteraction(guildId: string, data: unknown): boolean;
  drop(code: number): void;
  sessions(): GatewaySessionView[];
  identifiesUsed(): number;
  close(): Promise<void>;
}

export function createGateway(state: TwinState, publicUrl: () => string): Gateway {
  const server = new WebSocketServer({ noServer: true });
  const connections = new Set<GatewayConnection>();
  const sessions = new Map<string, GatewaySession>();
  const timers = new Set<NodeJS.Timeout>();
  let identifies = 0;

  const sessionsOwning = (guildId: string): GatewaySession[] =>
    [...sessions.values()].filter((session) => shardOfGuild(guildId, session.shardCount) === session.shardId);

  const host: GatewayHost = {
    state,
    publicUrl,
    createSession(connection, shardId, shardCount) {
      identifies += 1;
      // the client has given up on older sessions of this shard once it identifies again
      for (const old of sessions.values()) {
        if (old.shardId === shardId && old.shardCount === shardCount && !old.connection) sessions.delete(old.id);
      }
      const session: GatewaySession = {
        id: randomBytes(16).toString('hex'),
        shardId,
        shardCount,
        seq: 0,
        replay: [],
        connection,
        createdAt: state.config.now(),
      };
      sessions.set(session.id, session);
      return session;
    },
    findSession: (id) => sessions.get(id),
    later(action, delayMs) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        action();
      }, delayMs);
      timers.add(timer);
    },
  };

  const onConnection = (socket: WebSocket, request: IncomingMessage): void => {
    const query = new URL(request.url ?? '/', 'http://twin').searchParams;
    const compress = query.get('compress');
    const connection: GatewayConnection = {
      socket,
      encoder: createPayloadEncoder(compress === 'zlib-stream' ? 'zlib-stream' : null),
      session: null,
      droppedByTwin: false,
      sendChain: Promise.resolve(),
    };
    connections.add(connection);
    socket.on('message', (data: RawData) => onMessage(connection, data));
    socket.on('close', (code: number) => onClose(connection, code));
    socket.on('error', () => socket.terminate());
    if (query.get('v') !== '10') return socket.close(CloseCode.InvalidApiVersion, 'Invalid API version.');
    if ((query.get('encoding') ?? 'json') !== 'json') return socket.close(CloseCode.DecodeError, 'The twin only speaks JSON.');
    sendPayload(connection, { op: Op.Hello, d: { heartbeat_interval: state.config.heartbeatIntervalMs, _trace: ['["discord-twin"]'] } });
  };

  // JSON arrives as text frames from discord.js; binary frames are read as UTF-8 JSON too (no ETF here).
  const onMessage = (connection: GatewayConnection, data: RawData): void => {
    let payload: unknown;
    try {
      payload = JSON.parse(rawToString(data));
    } catch {
      return connection.socket.close(CloseCode.DecodeError, 'Error while decoding payload.');
    }
    handleGatewayPayload(connection, payload, host);
  };

  const onClose = (connection: GatewayConnection, code: number): void => {
    connections.delete(connection);
    connection.encoder.close();
    const session = connection.session;
    if (!session || session.connection !== connection) return;
    session.connection = null;
    // 1000/1001 from the client mean it will not resume (discord.js destroy, or a reconnect that re-identifies)
    if (!connection.droppedByTwin && (code === 1000 || code === 1001)) sessions.delete(session.id);
  };

  server.on('connection', onConnection);

  return {
    handleUpgrade(request, socket, head) {
      server.handleUpgrade(request, socket, head, (ws) => server.emit('connection', ws, request));
    },
    dispatchToGuild(guildId, event, data) {
      const owners = sessionsOwning(guildId);
      for (const session of owners) dispatch(session, event, data);
      return owners.length;
    },
    dispatchInteraction(guildId, data) {
      const newest = sessionsOwning(guildId).sort((a, b) => b.createdAt - a.createdAt)[0];
      if (newest) dispatch(newest, 'INTERACTION_CREATE', data);
      return newest !== undefined;
    },
    drop(code) {
      for (const connection of connections) {
        connection.droppedByTwin = true;
        connection.socket.close(code, 'Dropped by the Discord twin');
      }
    },
    sessions() {
      return [...connections].map(({ session }) =>
        session
          ? { shardId: session.shardId, shardCount: session.shardCount, identified: true, sessionId: session.id }
          : { shardId: -1, shardCount: 0, identified: false },
      );
    },
    identifiesUsed: () => identifies,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const connection of connections) connection.socket.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}
