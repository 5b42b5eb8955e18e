import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A REST proxy in front of the Discord twin that can swallow Discord's answers to message posts: the
 * twin stores the message, the bot never hears back — a response lost on the way, or a bot killed
 * between Discord accepting a post and reading the answer. Everything else passes through.
 */
export interface HoldingProxy {
  /** Base URL to give the bot as DISCORD_API_URL. */
  readonly apiUrl: string;
  /** While on, answers to POST …/messages are held and never delivered; `after` posts first go through. */
  holdMessagePosts(on: boolean, options?: { after?: number }): void;
  /** How many answers are held now. */
  held(): number;
  /** Stops listening (connections are refused, open ones dropped) until called with false. */
  refuseConnections(on: boolean): Promise<void>;
  close(): Promise<void>;
}

export async function startHoldingProxy(twinApiUrl: string): Promise<HoldingProxy> {
  const target = new URL(twinApiUrl);
  let holding = false;
  let passes = 0;
  const heldResponses = new Set<ServerResponse>();
  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    const isMessagePost = incoming.method === 'POST' && /\/channels\/\d+\/messages$/.test(incoming.url ?? '');
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: target.host } },
      (answer) => {
        if (isMessagePost && holding && passes-- <= 0) {
          answer.resume();
          heldResponses.add(outgoing);
          outgoing.on('close', () => heldResponses.delete(outgoing));
          return;
        }
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}${target.pathname}`,
    holdMessagePosts(on, options = {}) {
      holding = on;
      passes = options.after ?? 0;
    },
    held: () => heldResponses.size,
    async refuseConnections(on) {
      if (on) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      } else {
        await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      }
    },
    async close() {
      if (!server.listening) return;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
