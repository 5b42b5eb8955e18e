import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';

/** How the server answers one path. Everything optional: the default is an empty 200. */
export interface FeedRoute {
  body?: string | Buffer;
  status?: number;
  /** Default `application/rss+xml` (no charset, so the prolog or UTF-8 decides). */
  contentType?: string;
  headers?: Record<string, string>;
  /** Sent as ETag; a request whose If-None-Match equals it gets a 304. */
  etag?: string;
  /** Sent as Last-Modified; a request whose If-Modified-Since equals it gets a 304. */
  lastModified?: string;
  /** Wait this long before answering. */
  delayMs?: number;
  gzip?: boolean;
  brotli?: boolean;
  /** Send the headers and part of the body, then never finish. */
  hang?: boolean;
  /** Answer only once this settles (a test releases a slow server when it has seen what it needs). */
  held?: Promise<unknown>;
}

export interface RecordedRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
}

/** Chooses the route per request, e.g. to answer 403 to one User-Agent and 200 to another. */
export type FeedRouteHandler = (request: RecordedRequest) => FeedRoute;

export interface FeedServer {
  /** `http://127.0.0.1:<port>` (or the loopback address asked for; https with `tls`) */
  readonly origin: string;
  url(path: string): string;
  route(path: string, route: FeedRoute | FeedRouteHandler): void;
  /** Requests received so far, oldest first; for one path (query included) when given. */
  requests(path?: string): RecordedRequest[];
  /** Most requests that were in flight at the same time since the server started. */
  peakConcurrency(): number;
  close(): Promise<void>;
}

/** Starts a loopback HTTP server (HTTPS when given a key and certificate) for fixture feeds on a free port. Unknown paths get 404. */
export async function startFeedServer(options: { host?: string; tls?: { key: string | Buffer; cert: string | Buffer } } = {}): Promise<FeedServer> {
  const routes = new Map<string, FeedRoute | FeedRouteHandler>();
  const recorded: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let inFlight = 0;
  let peak = 0;

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const path = request.url ?? '/';
    const entry: RecordedRequest = { path, headers: { ...request.headers } };
    recorded.push(entry);
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    response.on('close', () => {
      inFlight -= 1;
    });
    const found = routes.get(path) ?? routes.get(path.split('?')[0] ?? path);
    const route = typeof found === 'function' ? found(entry) : found;
    if (route === undefined) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('no such fixture route');
      return;
    }
    const answer = (): void => respond(route, request.headers, response);
    if (route.held) {
      void route.held.then(() => (response.destroyed ? undefined : answer()));
      return;
    }
    if (!route.delayMs) return answer();
    const timer = setTimeout(() => {
      timers.delete(timer);
      answer();
    }, route.delayMs);
    timers.add(timer);
  };
  const server = options.tls ? createHttpsServer(options.tls, handle) : createServer(handle);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const origin = `${options.tls ? 'https' : 'http'}://${host}:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    url: (path) => `${origin}${path.startsWith('/') ? path : `/${path}`}`,
    route: (path, route) => void routes.set(path, route),
    requests: (path) => recorded.filter((request) => path === undefined || request.path === path),
    peakConcurrency: () => peak,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function respond(route: FeedRoute, requestHeaders: IncomingHttpHeaders, response: ServerResponse): void {
  const headers: Record<string, string> = { 'Content-Type': route.contentType ?? 'application/rss+xml', ...route.headers };
  if (route.etag !== undefined) headers.ETag = route.etag;
  if (route.lastModified !== undefined) headers['Last-Modified'] = route.lastModified;
  const etagMatches = route.etag !== undefined && requestHeaders['if-none-match'] === route.etag;
  const dateMatches = route.lastModified !== undefined && requestHeaders['if-modified-since'] === route.lastModified;
  if (etagMatches || dateMatches) {
    response.writeHead(304, headers).end();
    return;
  }
  let body = typeof route.body === 'string' ? Buffer.from(route.body, 'utf8') : (route.body ?? Buffer.alloc(0));
  if (route.gzip) [body, headers['Content-Encoding']] = [gzipSync(body), 'gzip'];
  if (route.brotli) [body, headers['Content-Encoding']] = [brotliCompressSync(body), 'br'];
  if (route.hang) {
    response.writeHead(route.status ?? 200, headers);
    response.write(body.subarray(0, Math.ceil(body.length / 2)));
    return;
  }
  response.writeHead(route.status ?? 200, { ...headers, 'Content-Length': String(body.length) }).end(body);
}
