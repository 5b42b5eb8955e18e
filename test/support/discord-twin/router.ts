import type { IncomingHttpHeaders } from 'node:http';

export interface RouteContext {
  method: string;
  /** Path after /api/v10, percent-decoded per segment. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  headers: IncomingHttpHeaders;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteBucket {
  /** The bucket's route template, e.g. "POST /channels/:id/messages". */
  route: string;
  /** The major parameter (channel, guild or webhook id) that splits the bucket. */
  major: string;
  limit: { limit: number; windowMs: number };
}

export interface RouteDefinition {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Segments starting with ":" capture, e.g. "/channels/:channelId/messages". */
  pattern: string;
  /** Interaction callbacks and webhooks take no bot token. Default true. */
  auth?: boolean;
  bucket?: (params: Record<string, string>) => RouteBucket;
  handle(context: RouteContext): RouteResult | Promise<RouteResult>;
}

export type RouteMatch =
  | { kind: 'found'; route: RouteDefinition; params: Record<string, string> }
  | { kind: 'wrong-method' }
  | { kind: 'not-found' };

export function createRouter(routes: readonly RouteDefinition[]): (method: string, path: string) => RouteMatch {
  const compiled = routes.map((route) => ({ route, segments: route.pattern.split('/') }));
  return (method, path) => {
    const segments = path.split('/');
    let pathMatched = false;
    for (const { route, segments: pattern } of compiled) {
      const params = matchSegments(pattern, segments);
      if (!params) continue;
      if (route.method === method) return { kind: 'found', route, params };
      pathMatched = true;
    }
    return pathMatched ? { kind: 'wrong-method' } : { kind: 'not-found' };
  };
}

function matchSegments(pattern: string[], segments: string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of pattern.entries()) {
    const segment = segments[index] ?? '';
    if (part.startsWith(':')) {
      if (segment === '') return undefined;
      params[part.slice(1)] = segment;
    } else if (part !== segment) {
      return undefined;
    }
  }
  return params;
}

export function jsonResult(status: number, body?: unknown): RouteResult {
  return { status, body };
}

/** Discord's JSON error body: `{ message, code }`. */
export function errorResult(status: number, code: number, message: string): RouteResult {
  return { status, body: { message, code } };
}

export const Errors = {
  unknownChannel: () => errorResult(404, 10003, 'Unknown Channel'),
  unknownGuild: () => errorResult(404, 10004, 'Unknown Guild'),
  unknownMember: () => errorResult(404, 10007, 'Unknown Member'),
  unknownMessage: () => errorResult(404, 10008, 'Unknown Message'),
  unknownApplication: () => errorResult(404, 10002, 'Unknown Application'),
  unknownWebhook: () => errorResult(404, 10015, 'Unknown Webhook'),
  unknownInteraction: () => errorResult(404, 10062, 'Unknown interaction'),
  alreadyAcknowledged: () => errorResult(400, 40060, 'Interaction has already been acknowledged.'),
  missingAccess: () => errorResult(403, 50001, 'Missing Access'),
  missingPermissions: () => errorResult(403, 50013, 'Missing Permissions'),
} as const;
