import type { NextFunction, Request, Response } from 'express';
import { apiOfPath } from './api-of-path';
import type { GatewayMetrics } from './gateway-metrics';
import { SSE_OPENED } from './sse-connection';

/** Requests that matched no route share one label, so scanners cannot grow the series. */
const UNMATCHED = 'unmatched';

/**
 * Counts every request when its response is done, labelled by the route template Express
 * matched (`/v1/jobs/:id`), and keeps the request's API at hand for the code that counts
 * submissions. Event streams are counted as connections while they are open, and left out of
 * the latency histogram, where their lifetimes would drown every other answer. Installed with
 * `app.use` ahead of the body parser, so refused bodies are counted too; a Nest middleware
 * would be registered as a catch-all route, which every request would then appear to match.
 */
export function httpMetrics(metrics: GatewayMetrics): (request: Request, response: Response, next: NextFunction) => void {
  return (request, response, next) => {
    const started = process.hrtime.bigint();
    const api = apiOfPath(request.originalUrl.split('?')[0] ?? '/');
    let stream = false;
    response.once(SSE_OPENED, () => {
      stream = true;
      metrics.sseConnections.inc({ api });
      response.once('close', () => metrics.sseConnections.dec({ api }));
    });
    response.once('close', () => {
      const route = routeOf(request);
      metrics.requests.inc({ route, method: request.method, status: String(response.statusCode) });
      if (response.statusCode === 429) metrics.rateLimited.inc({ route });
      if (!stream) metrics.requestSeconds.observe({ route }, Number(process.hrtime.bigint() - started) / 1e9);
    });
    metrics.requestApi.run(api, next);
  };
}

/** The matched route's template, e.g. `/v1/jobs/:id` (Nest registers full paths); known once routing has run. */
function routeOf(request: Request): string {
  const path = (request.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? path : UNMATCHED;
}
