import type { NextFunction, Request, Response } from 'express';
import { rootLogger, runWithTelemetry, startSpan, TRACEPARENT_HEADER, type TelemetryContext } from '@jetjobs/telemetry';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { accessFields, isProbe } from './access-log';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id';

/** Each request's context, for the interceptor that re-enters it around the handler. */
const contexts = new WeakMap<Request, TelemetryContext>();

export function requestTelemetryOf(request: Request): TelemetryContext | undefined {
  return contexts.get(request);
}

/**
 * The first middleware of every request: honours or draws `X-Request-Id` (and returns it),
 * continues the caller's W3C trace or starts one with a server span, and writes one access line
 * when the response ends. Probes get no span and a debug line.
 */
export function requestTelemetry() {
  return (request: Request, response: Response, next: NextFunction): void => {
    const startedAt = performance.now();
    const requestId = requestIdOf(request.headers[REQUEST_ID_HEADER]);
    response.setHeader('X-Request-Id', requestId);
    const probe = isProbe(request);
    const span = probe ? null : startSpan(request.method, {
      parent: headerOf(request, TRACEPARENT_HEADER),
      kind: 'server',
      attributes: { 'http.request.method': request.method, 'jetjobs.request_id': requestId },
    });
    const context: TelemetryContext = { traceparent: span?.traceparent ?? null, fields: { request_id: requestId } };
    contexts.set(request, context);
    const bytes = countBytes(response);
    response.once('close', () => {
      const fields = accessFields(request, response, performance.now() - startedAt, bytes());
      const projectId = (request as AuthenticatedRequest).principal?.projectId;
      if (projectId !== undefined) context.fields.project_id = projectId;
      span?.setAttributes({ 'http.route': fields.route ?? undefined, 'http.response.status_code': fields.status, 'jetjobs.project_id': projectId });
      if (fields.route !== null) span?.rename(`${request.method} ${fields.route}`);
      if (fields.status >= 500) span?.fail(new Error(`HTTP ${fields.status}`));
      span?.end();
      const logger = rootLogger();
      runWithTelemetry(context, () => (probe ? logger.debug(fields, 'request') : logger.info(fields, 'request')));
    });
    runWithTelemetry(context, next);
  };
}

function headerOf(request: Request, name: string): string | null {
  const value = request.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** Bytes of the body as written; counted, since streamed answers (SSE, media) have no length. */
function countBytes(response: Response): () => number {
  let total = 0;
  const count = (chunk: unknown, encoding?: unknown) => {
    if (typeof chunk === 'string') total += Buffer.byteLength(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
    else if (chunk instanceof Uint8Array) total += chunk.byteLength;
  };
  const write = response.write.bind(response) as (...args: unknown[]) => boolean;
  const end = response.end.bind(response) as (...args: unknown[]) => Response;
  response.write = ((...args: unknown[]) => {
    count(args[0], args[1]);
    return write(...args);
  }) as Response['write'];
  response.end = ((...args: unknown[]) => {
    if (typeof args[0] !== 'function') count(args[0], args[1]);
    return end(...args);
  }) as Response['end'];
  return () => total;
}
