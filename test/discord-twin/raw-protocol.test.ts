import { once } from 'node:events';
import { constants, createInflate, inflateSync } from 'node:zlib';
import { WebSocket, type RawData } from 'ws';
import { startDiscordTwin, type DiscordTwin } from '../support/discord-twin';

interface Payload {
  op: number;
  t?: string | null;
  s?: number | null;
  d: Record<string, unknown> | boolean | null;
}

/** A bare gateway client: decodes frames with the given decoder and queues them. */
async function connectRaw(url: string, decode: (data: RawData, isBinary: boolean) => Promise<string> = async (data) => String(data)) {
  const socket = new WebSocket(url);
  const queue: Payload[] = [];
  const waiters: ((payload: Payload) => void)[] = [];
  let chain = Promise.resolve();
  socket.on('message', (data: RawData, isBinary: boolean) => {
    chain = chain.then(async () => {
      const payload = JSON.parse(await decode(data, isBinary)) as Payload;
      const waiter = waiters.shift();
      if (waiter) waiter(payload);
      else queue.push(payload);
    });
  });
  const closed = once(socket, 'close').then(([code]) => code as number);
  await once(socket, 'open');
  return {
    socket,
    closed,
    next: (): Promise<Payload> => {
      const queued = queue.shift();
      return queued ? Promise.resolve(queued) : new Promise((resolve) => waiters.push(resolve));
    },
    send: (payload: unknown) => socket.send(JSON.stringify(payload)),
  };
}

describe('raw gateway and REST protocol of the Discord twin', () => {
  let twin: DiscordTwin;
  const sockets: WebSocket[] = [];
  const url = (query = 'v=10&encoding=json') => `${twin.gatewayUrl}?${query}`;
  const identify = (extra: Record<string, unknown> = {}) => ({ op: 2, d: { token: twin.token, intents: 1, properties: {}, ...extra } });
  const open = async (...args: Parameters<typeof connectRaw>) => {
    const connection = await connectRaw(...args);
    sockets.push(connection.socket);
    return connection;
  };

  beforeEach(async () => {
    twin = await startDiscordTwin({ warnUnknownRoutes: false });
  });

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.terminate();
    await twin.close();
  });

  it('says HELLO, acknowledges heartbeats and sends READY then GUILD_CREATE on IDENTIFY', async () => {
    const guild = twin.addGuild();
    const gateway = await open(url());
    expect(await gateway.next()).toMatchObject({ op: 10, d: { heartbeat_interval: 41_250 } });
    gateway.send({ op: 1, d: null });
    expect(await gateway.next()).toMatchObject({ op: 11 });
    gateway.send(identify());
    const ready = await gateway.next();
    expect(ready).toMatchObject({ op: 0, t: 'READY', s: 1, d: { v: 10, guilds: [{ id: guild.id, unavailable: true }], shard: [0, 1] } });
    expect(await gateway.next()).toMatchObject({ t: 'GUILD_CREATE', s: 2, d: { id: guild.id, unavailable: false } });
  });

  it.each([
    ['a wrong token', (_t: DiscordTwin) => ({ op: 2, d: { token: 'nope', intents: 1, properties: {} } }), 4004],
    ['a shard outside the shard count', (t: DiscordTwin) => ({ op: 2, d: { token: t.token, intents: 1, properties: {}, shard: [2, 2] } }), 4010],
    ['a presence update before identifying', () => ({ op: 3, d: {} }), 4003],
    ['an unknown opcode', () => ({ op: 42, d: null }), 4001],
  ])('closes the connection on %s', async (_label, build, code) => {
    const gateway = await open(url());
    await gateway.next();
    gateway.send(build(twin));
    expect(await gateway.closed).toBe(code);
  });

  it('answers RESUME of an unknown session with op 9 (not resumable)', async () => {
    const gateway = await open(url());
    await gateway.next();
    gateway.send({ op: 6, d: { token: twin.token, session_id: 'missing', seq: 1 } });
    expect(await gateway.next()).toEqual({ op: 9, d: false });
  });

  it('speaks zlib-stream when the client asks for it', async () => {
    const inflate = createInflate();
    const decode = (data: RawData) =>
      new Promise<string>((resolve) => {
        const chunks: Buffer[] = [];
        const onData = (chunk: Buffer) => chunks.push(chunk);
        inflate.on('data', onData);
        inflate.write(data as Buffer);
        inflate.flush(constants.Z_SYNC_FLUSH, () => {
          inflate.off('data', onData);
          resolve(Buffer.concat(chunks).toString('utf8'));
        });
      });
    const gateway = await open(url('v=10&encoding=json&compress=zlib-stream'), decode);
    expect(await gateway.next()).toMatchObject({ op: 10 });
    gateway.send(identify());
    expect(await gateway.next()).toMatchObject({ t: 'READY' });
    inflate.destroy();
  });

  it('deflates every payload after IDENTIFY with compress: true', async () => {
    const decode = async (data: RawData, isBinary: boolean) => (isBinary ? inflateSync(data as Buffer).toString('utf8') : String(data));
    const gateway = await open(url(), decode);
    await gateway.next();
    gateway.send(identify({ compress: true }));
    expect(await gateway.next()).toMatchObject({ t: 'READY' });
  });

  it('refuses an API version other than 10', async () => {
    const gateway = await open(url('v=9&encoding=json'));
    expect(await gateway.closed).toBe(4012);
  });

  it('reports Discord-shaped gateway information and errors over REST', async () => {
    const auth = { Authorization: `Bot ${twin.token}` };
    const info = await fetch(`${twin.apiUrl}/v10/gateway/bot`, { headers: auth }).then((response) => response.json());
    expect(info).toEqual({ url: twin.gatewayUrl, shards: 1, session_start_limit: expect.objectContaining({ total: 1000, remaining: 1000, max_concurrency: 16 }) });
    const unknown = await fetch(`${twin.apiUrl}/v10/nothing/here`, { headers: auth });
    expect([unknown.status, await unknown.json()]).toEqual([404, { message: '404: Not Found', code: 0 }]);
    const wrongMethod = await fetch(`${twin.apiUrl}/v10/users/@me`, { method: 'DELETE', headers: auth });
    expect(wrongMethod.status).toBe(405);
    expect(twin.requests.map((request) => [request.method, request.path, request.status])).toEqual([
      ['GET', '/gateway/bot', 200],
      ['GET', '/nothing/here', 404],
      ['DELETE', '/users/@me', 405],
    ]);
  });
});
