import { isRecord } from '../form-errors';
import { Errors, errorResult, jsonResult, type RouteContext, type RouteDefinition, type RouteResult } from '../router';
import { validateCommands } from '../validate-commands';
import type { RouteDeps } from './route-deps';

/** Global and guild application commands: bulk overwrite (PUT), list, and create/fetch/edit/delete one. */
export function commandRoutes({ state }: RouteDeps): RouteDefinition[] {
  const { commands } = state;

  /** Checks the application and guild in the path; returns the scope (null = global) or an error. */
  const scopeOf = ({ params }: RouteContext): string | null | RouteResult => {
    if (params.appId !== state.config.applicationId) {
      return errorResult(403, 20012, 'You are not authorized to perform this action on this application');
    }
    if (params.guildId === undefined) return null;
    return state.guilds.get(params.guildId) ? params.guildId : Errors.missingAccess();
  };
  const withScope = (action: (scope: string | null, context: RouteContext) => RouteResult) => (context: RouteContext) => {
    const scope = scopeOf(context);
    return typeof scope === 'object' && scope !== null ? scope : action(scope, context);
  };

  const overwrite = withScope((scope, { body }) => {
    const invalid = validateCommands(body);
    if (invalid) return jsonResult(400, invalid);
    return jsonResult(200, commands.overwrite(scope, body as Record<string, unknown>[]));
  });
  const list = withScope((scope) => jsonResult(200, commands.list(scope)));
  // POST upserts one command by name, keeping the others
  const createOne = withScope((scope, { body }) => {
    const invalid = validateCommands([body]);
    if (invalid || !isRecord(body)) return jsonResult(400, invalid);
    const others = commands.list(scope).filter((command) => command.name !== body.name);
    const stored = commands.overwrite(scope, [...others, body]);
    return jsonResult(201, stored.find((command) => command.name === body.name));
  });
  const getOne = withScope((scope, { params }) => {
    const command = commands.list(scope).find((candidate) => candidate.id === params.commandId);
    return command ? jsonResult(200, command) : errorResult(404, 10063, 'Unknown application command');
  });
  const editOne = withScope((scope, { params, body }) => {
    const existing = commands.list(scope);
    const index = existing.findIndex((candidate) => candidate.id === params.commandId);
    if (index < 0) return errorResult(404, 10063, 'Unknown application command');
    const merged = existing.map((command, position) => (position === index && isRecord(body) ? { ...command, ...body } : command));
    const invalid = validateCommands(merged);
    if (invalid) return jsonResult(400, invalid);
    return jsonResult(200, commands.overwrite(scope, merged)[index]);
  });
  const deleteOne = withScope((scope, { params }) => {
    const remaining = commands.list(scope).filter((command) => command.id !== params.commandId);
    if (remaining.length === commands.list(scope).length) return errorResult(404, 10063, 'Unknown application command');
    commands.overwrite(scope, remaining);
    return { status: 204 };
  });

  const routes: RouteDefinition[] = [];
  for (const base of ['/applications/:appId/commands', '/applications/:appId/guilds/:guildId/commands']) {
    routes.push(
      { method: 'PUT', pattern: base, handle: overwrite },
      { method: 'GET', pattern: base, handle: list },
      { method: 'POST', pattern: base, handle: createOne },
      { method: 'GET', pattern: `${base}/:commandId`, handle: getOne },
      { method: 'PATCH', pattern: `${base}/:commandId`, handle: editOne },
      { method: 'DELETE', pattern: `${base}/:commandId`, handle: deleteOne },
    );
  }
  return routes;
}
