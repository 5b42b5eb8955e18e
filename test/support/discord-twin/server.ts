import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FaultInjector } from './faults';
import type { Gateway } from './gateway';
import { readRequestBody } from './http-body';
import type { RateLimiter } from './rate-limit';
import { createRouter, type RouteDefinition, type RouteResult } from './router';
import type { TwinState } from './state';
import type { RestLogEntry } from './types';

export const API_PREFIX = '/api/v10';
export const GATEWAY_PATH = '/gateway';

export interface TwinServerOptions {
  state: TwinState;
  routes: readonly RouteDefinition[];
  faults: FaultInjector;
  limiter: RateLimiter;
  gateway: Gateway;
  log: RestLogEntry[];
}

export interface TwinServer {
  port: number;
  close(): Promise<void>;
}

/** One HTTP server on 127.0.0.1 for REST under /api/v10 and the gateway WebSocket under /gateway. */
export async function startTwinServer(options: TwinServerOptions): Promise<TwinServer> {
  const handle = createRequestHandler(options);
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      process.stderr.write(`Discord twin: request handler failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      if (!response.headersSent) writeResult(response, { status: 500, body: { message: '500: Internal Server Error', code: 0 } });
    });
  });
  server.on('upgrade', (request: IncomingMessage, socket, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://twin.invalid').pathname.replace(/\/$/, '');
    if (path === GATEWAY_PATH) options.gateway.handleUpgrade(request, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function createRequestHandler(options: TwinServerOptions): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  const { state, faults, limiter, log } = options;
  const route = createRouter(options.routes);
  const warned = new Set<string>();

  return async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://twin.invalid');
    const method = request.method ?? 'GET';
    const path = decodeSegments(url.pathname.startsWith(`${API_PREFIX}/`) ? url.pathname.slice(API_PREFIX.length) : url.pathname);
    const respond = (result: RouteResult): void => {
      log.push({ method, path, status: result.status, at: state.config.now() });
      writeResult(response, result);
    };

    const fault = faults.takeFault(path);
    const failWith = (status: 500 | 502 | 503 | 'drop'): void => {
      if (status !== 'drop') return respond({ status, body: { message: `${status}: injected by the Discord twin`, code: 0 } });
      log.push({ method, path, status: 0, at: state.config.now() });
      request.socket.destroy();
    };
    if (fault && !fault.afterStore) return failWith(fault.status);

    const match = url.pathname.startsWith(`${API_PREFIX}/`) ? route(method, path) : { kind: 'not-found' as const };
    if (match.kind !== 'found') {
      if (match.kind === 'not-found') warnOnce(warned, state.config.warnUnknownRoutes, method, url.pathname);
      const status = match.kind === 'wrong-method' ? 405 : 404;
      return respond({ status, body: { message: status === 405 ? '405: Method Not Allowed' : '404: Not Found', code: 0 } });
    }

    const requiresAuth = match.route.auth !== false;
    if (requiresAuth && request.headers.authorization !== `Bot ${state.config.token}`) {
      return respond({ status: 401, body: { message: '401: Unauthorized', code: 0 } });
    }
    // interaction callbacks and webhooks are exempt from the global limit (Discord's rate-limit docs)
    const global = requiresAuth ? limiter.takeGlobal() : { allowed: true, headers: {} };
    if (!global.allowed) return respond({ status: 429, body: global.body, headers: global.headers });
    const bucket = match.route.bucket?.(match.params);
    const limited = bucket ? limiter.takeBucket(bucket.route, bucket.major, bucket.limit) : { allowed: true, headers: {} };
    if (!limited.allowed) return respond({ status: 429, body: limited.body, headers: limited.headers });

    const body = await readRequestBody(request);
    if (!body.ok) return respond({ status: 400, body: { message: 'The request body contains invalid JSON.', code: 50109 } });
    const context = { method, path, params: match.params, query: url.searchParams, body: body.body, headers: request.headers };
    const result = await match.route.handle(context);
    // Stored, answer lost: the request took effect, then the answer fails on its way back.
    if (fault?.afterStore) return failWith(fault.status);
    respond({ ...result, headers: { ...limited.headers, ...result.headers } });
  };
}

function writeResult(response: ServerResponse, result: RouteResult): void {
  const headers: Record<string, string> = { ...result.headers };
  if (result.status === 204 || result.body === undefined) {
    response.writeHead(result.status, headers).end();
    return;
  }
  const text = JSON.stringify(result.body);
  headers['Content-Type'] = 'application/json';
  headers['Content-Length'] = String(Buffer.byteLength(text));
  response.writeHead(result.status, headers).end(text);
}

function warnOnce(warned: Set<string>, enabled: boolean, method: string, pathname: string): void {
  const shape = `${method} ${pathname.replace(/\/\d{15,20}(?=\/|$)/g, '/:id')}`;
  if (!enabled || warned.has(shape)) return;
  warned.add(shape);
  process.stderr.write(`Discord twin: no route for ${shape} (answered 404)\n`);
}

/** discord.js sends `@me` and `@original` percent-encoded (`%40me`); Discord, and so the twin, match them decoded. */
function decodeSegments(path: string): string {
  return path
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}
