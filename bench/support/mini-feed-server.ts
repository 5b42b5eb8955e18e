import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MiniFeedServer {
  url(path: string): string;
  /** Replaces what `path` serves; the change is visible to the next request. */
  publish(path: string, xml: string): void;
  /** Times (ms since epoch) at which `path` was requested, oldest first. */
  requestTimes(path: string): number[];
  close(): Promise<void>;
}

/** A loopback feed server for the Discord benchmarks, where the bot's CPU is not what is measured. */
export async function startMiniFeedServer(): Promise<MiniFeedServer> {
  const bodies = new Map<string, string>();
  const requests = new Map<string, number[]>();
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.set(path, [...(requests.get(path) ?? []), Date.now()]);
    const body = bodies.get(path);
    if (body === undefined) return void response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (path) => `${origin}${path}`,
    publish: (path, xml) => void bodies.set(path, xml),
    requestTimes: (path) => requests.get(path) ?? [],
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
