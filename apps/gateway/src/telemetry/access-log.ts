import type { Request, Response } from 'express';

/** Paths probed every few seconds by orchestrators and scrapers: their lines are debug, not info. */
const PROBE_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);

export function isProbe(request: Request): boolean {
  return PROBE_PATHS.has(pathOf(request));
}

/** The path without its query: a query may hold a stream token (`?access_token=`). */
export function pathOf(request: Request): string {
  const url = request.originalUrl ?? request.url ?? '';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/**
 * The fields of one access line. The route is the matched template (`/v1/jobs/:id`), so ids do
 * not make every line unique; headers are never logged (Authorization), nor the query.
 */
export function accessFields(request: Request, response: Response, durationMs: number, bytes: number) {
  const route = request.route as { path?: unknown } | undefined;
  return {
    method: request.method,
    route: typeof route?.path === 'string' ? `${request.baseUrl ?? ''}${route.path}` : null,
    path: pathOf(request),
    status: response.statusCode,
    duration_ms: Math.round(durationMs * 10) / 10,
    bytes,
    // A response cut short (client gone, stream closed) is told apart from a complete one.
    completed: response.writableFinished,
  };
}
