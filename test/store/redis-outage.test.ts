import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { openStore } from '../../src/store/open-store';
import type { KeyValue } from '../../src/store/key-value';
import { freshRedisUrl, redisAvailable, REDIS_URL } from '../support/stores';

const REDIS_DB = 11; // this file's own logical database

/** A TCP relay to the test Redis that can be cut (every connection dropped, port closed) and restored on the same port. */
async function startRelay(): Promise<{ port: number; cut(): Promise<void>; restore(): Promise<void>; close(): Promise<void> }> {
  const target = new URL(REDIS_URL);
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = async () => {
    const relay = createServer((client) => {
      const upstream = createConnection(Number(target.port || 6379), target.hostname);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('error', () => {});
        socket.on('close', () => sockets.delete(socket));
      }
      client.pipe(upstream).pipe(client);
    });
    server = relay;
    await new Promise<void>((resolve) => relay.listen(port, '127.0.0.1', resolve));
    port = (relay.address() as { port: number }).port;
  };
  const cut = async () => {
    const closing = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => (closing ? closing.close(() => resolve()) : resolve()));
  };
  await listen();
  return { port, cut, restore: listen, close: cut };
}

describe('a Redis store that goes away after start-up', () => {
  let relay: Awaited<ReturnType<typeof startRelay>> | undefined;
  let kv: KeyValue | undefined;
  afterEach(async () => {
    await relay?.close();
    await kv?.close().catch(() => {});
    relay = undefined;
    kv = undefined;
  });

  it('waits for it and carries on when it is back, however long the outage (no start-up deadline)', async () => {
    if (!(await redisAvailable())) return;
    await freshRedisUrl(REDIS_DB);
    relay = await startRelay();
    kv = await openStore(`redis://127.0.0.1:${relay.port}/${REDIS_DB}`);
    await kv.set('before', 1);
    await relay.cut();
    // A command caught on the dropped connection fails (the poll fails and is retried); once the client
    // knows the connection is gone, commands wait in its queue.
    await kv.set('in-flight', 0).catch(() => {});
    const during = kv.set('during', 2);
    let settled = false;
    void during.then(() => (settled = true), () => (settled = true));
    // Past the 5 s start-up budget: an outage after start-up must be waited out, not turned into a failure.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(settled).toBe(false);
    await relay.restore();
    await during;
    expect(await kv.get('during')).toBe(2);
  }, 60_000);
});
