import type { WebSocket } from 'ws';
import type { PayloadEncoder } from './gateway-encoding';

/** Gateway opcodes (docs: topics/opcodes-and-status-codes). */
export const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
  RequestSoundboardSounds: 31,
} as const;

export const CloseCode = {
  UnknownError: 4000,
  UnknownOpcode: 4001,
  DecodeError: 4002,
  NotAuthenticated: 4003,
  AuthenticationFailed: 4004,
  AlreadyAuthenticated: 4005,
  InvalidShard: 4010,
  InvalidApiVersion: 4012,
  InvalidIntents: 4013,
} as const;

export interface GatewayPayload {
  op: number;
  d: unknown;
  s?: number | null;
  t?: string | null;
}

/** A session outlives its connection so that the client can RESUME it and get the missed dispatches. */
export interface GatewaySession {
  id: string;
  shardId: number;
  shardCount: number;
  seq: number;
  replay: GatewayPayload[];
  connection: GatewayConnection | null;
  createdAt: number;
}

export interface GatewayConnection {
  socket: WebSocket;
  encoder: PayloadEncoder;
  session: GatewaySession | null;
  /** Set by dropGateway: the close code the client echoes back must not end the session. */
  droppedByTwin: boolean;
  /** Sends stay in order even when an encoder is asynchronous. */
  sendChain: Promise<void>;
}

/** How many dispatches a session keeps for RESUME; more than any test sends while disconnected. */
export const REPLAY_BUFFER_SIZE = 1_000;

export function sendPayload(connection: GatewayConnection, payload: GatewayPayload): void {
  const text = JSON.stringify(payload);
  connection.sendChain = connection.sendChain
    .then(async () => {
      const encoded = await connection.encoder.encode(text);
      if (connection.socket.readyState === connection.socket.OPEN) connection.socket.send(encoded);
    })
    .catch((error: unknown) => {
      process.stderr.write(`Discord twin: failed to send a gateway payload: ${String(error)}\n`);
    });
}

/** Numbers the dispatch, keeps it for RESUME and sends it when the session has a live connection. */
export function dispatch(session: GatewaySession, event: string, data: unknown): void {
  session.seq += 1;
  const payload: GatewayPayload = { op: Op.Dispatch, t: event, s: session.seq, d: data };
  session.replay.push(payload);
  if (session.replay.length > REPLAY_BUFFER_SIZE) session.replay.shift();
  if (session.connection) sendPayload(session.connection, payload);
}
