import type { Response } from 'express';
import type { ErrorCode } from '@jetjobs/contracts';
import { closeAfterResponse } from '../uploads/close-after-response';

/** Seconds a client is asked to wait when the platform cannot serve (NATS or the registry away). */
export const UNAVAILABLE_RETRY_AFTER_S = 5;

/**
 * The headers an error's code calls for, whatever API words its body: a challenge for 401, and for
 * 503 when to try again (a route that already set its own `Retry-After` keeps it). A refusal that
 * comes before the request's body was read (a guard, a bad form) closes the connection, but only
 * after discarding the rest of the body for a while, so that the client reads the error instead
 * of a reset (`closeAfterResponse`).
 */
export function setErrorHeaders(response: Response, code: ErrorCode): void {
  if (response.req && !response.req.complete) closeAfterResponse(response.req);
  if (code === 'unauthorized') response.setHeader('WWW-Authenticate', 'Bearer');
  if (code === 'unavailable' && !response.getHeader('Retry-After')) response.setHeader('Retry-After', String(UNAVAILABLE_RETRY_AFTER_S));
}
