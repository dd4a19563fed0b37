import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { ErrorBody, ErrorCode } from '@jetjobs/contracts';

/**
 * Each public API words its errors its own way; the code and the HTTP status stay the
 * platform's. A dialect renders a coded error as that API's body. Add a dialect here, then put
 * `@ErrorDialect('<name>')` on its controllers.
 */
export const ERROR_DIALECTS = {
  /** The native `/v1` API: `{"error": {"code": "forbidden", "message": "…"}}`. */
  native: (error: ErrorBody): unknown => ({ error }),
  /** The moderation API: `{"error": {"code": "FORBIDDEN", "message": "…"}}`. */
  moderation: (error: ErrorBody): unknown => ({ error: { code: MODERATION_CODES[error.code], message: error.message } }),
} as const satisfies Record<string, (error: ErrorBody) => unknown>;

export type ErrorDialectName = keyof typeof ERROR_DIALECTS;

const MODERATION_CODES: Readonly<Record<ErrorCode, string>> = {
  validation_failed: 'INVALID_REQUEST',
  malformed_json: 'INVALID_REQUEST',
  unauthorized: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  job_not_found: 'NOT_FOUND',
  not_found: 'NOT_FOUND',
  kind_not_served: 'SERVICE_UNAVAILABLE',
  job_already_exists: 'CONFLICT',
  illegal_transition: 'CONFLICT',
  attempt_mismatch: 'CONFLICT',
  conflict: 'CONFLICT',
  request_timeout: 'REQUEST_TIMEOUT',
  payload_too_large: 'PAYLOAD_TOO_LARGE',
  quota_exceeded: 'PAYLOAD_TOO_LARGE',
  headers_too_large: 'HEADERS_TOO_LARGE',
  unsupported_media_type: 'INVALID_REQUEST',
  expectation_failed: 'INVALID_REQUEST',
  rate_limited: 'RATE_LIMITED',
  unavailable: 'SERVICE_UNAVAILABLE',
  internal: 'INTERNAL_ERROR',
};

const ERROR_DIALECT = 'jetjobs:error-dialect';
const DIALECT_OF_REQUEST = Symbol('jetjobs:error-dialect');

/** The error wording of a controller's (or a route's) API; routes without one speak `native`. */
export const ErrorDialect = (dialect: ErrorDialectName) => SetMetadata(ERROR_DIALECT, dialect);

/**
 * Exception filters are not told which handler failed, so this global guard, which runs before
 * every other guard, notes the route's dialect on the request: even a 401 or 403 from the
 * AuthGuard comes out in the right words.
 */
@Injectable()
export class ErrorDialectGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const dialect = this.reflector.getAllAndOverride<ErrorDialectName | undefined>(ERROR_DIALECT, [context.getHandler(), context.getClass()]);
    if (dialect !== undefined) (context.switchToHttp().getRequest<Request>() as unknown as Record<symbol, unknown>)[DIALECT_OF_REQUEST] = dialect;
    return true;
  }
}

/**
 * Errors raised before routing (a body that is not JSON, one that is too large, a request the
 * HTTP parser refused) never meet the guard: their API is told by the path instead, ignoring
 * case as the router does.
 */
const DIALECT_BY_PATH: readonly (readonly [RegExp, ErrorDialectName])[] = [[/^\/api\/v1\/(moderate\/|jobs?([/?#]|$))/i, 'moderation']];

/** The body an error gets on this request's API. */
export function renderError(request: Request, error: ErrorBody): unknown {
  const noted = (request as unknown as Record<symbol, unknown>)[DIALECT_OF_REQUEST] as ErrorDialectName | undefined;
  return ERROR_DIALECTS[noted ?? dialectOfPath(request.originalUrl ?? request.url)](error);
}

/** The API a request target belongs to, when no route has said so. */
export function dialectOfPath(target: string): ErrorDialectName {
  return DIALECT_BY_PATH.find(([pattern]) => pattern.test(target))?.[1] ?? 'native';
}
