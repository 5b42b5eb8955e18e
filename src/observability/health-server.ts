import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { Logger } from '../shared/logger';
import { checkHealth, type HealthChecks } from './check-health';

export interface HealthServerOptions {
  port: number;
  /** Interface to listen on; by default every interface, as a container's probe needs. */
  host?: string;
  checks: HealthChecks;
  metrics: { registry: Registry };
  logger?: Logger;
}

export interface HealthServer {
  /** The port actually bound (useful with port 0). */
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

/**
 * `/healthz` (200 or 503 with reasons, as JSON) and `/metrics` (Prometheus text) on one small HTTP server.
 * Resolves once listening; rejects when the port cannot be bound, so a typo'd HTTP_PORT stops start-up.
 */
export function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const server = createServer((request, response) => {
    handle(request, response, options).catch((error: unknown) => {
      options.logger?.error({ err: error, path: request.url }, 'health endpoint failed');
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'internal error\n');
      else response.destroy();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const host = options.host ?? '127.0.0.1';
      resolve({
        port,
        url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

async function handle(request: IncomingMessage, response: ServerResponse, options: HealthServerOptions): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    return send(response, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
  }
  if (path === '/healthz') {
    const health = await checkHealth(options.checks);
    return send(response, health.status === 'ok' ? 200 : 503, 'application/json; charset=utf-8', `${JSON.stringify(health)}\n`);
  }
  if (path === '/metrics') {
    const { registry } = options.metrics;
    return send(response, 200, registry.contentType, await registry.metrics());
  }
  return send(response, 404, 'text/plain; charset=utf-8', 'not found: try /healthz or /metrics\n');
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}
