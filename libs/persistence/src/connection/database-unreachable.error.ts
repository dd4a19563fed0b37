import { CodedError } from '@jetjobs/contracts';
import type { DatabaseTarget } from './database-target';

/** PostgreSQL could not be reached at all: nothing listens, the name does not resolve, a timeout. */
export class DatabaseUnreachableError extends CodedError {
  readonly host: string;
  readonly port: number;

  constructor(target: DatabaseTarget, cause: unknown) {
    super('unavailable', `PostgreSQL at ${target.host}:${target.port} is unreachable: ${describe(cause)}`);
    this.name = 'DatabaseUnreachableError';
    this.host = target.host;
    this.port = target.port;
    this.cause = cause;
  }
}

interface ErrorLike {
  readonly message?: unknown;
  readonly code?: unknown;
  readonly errors?: unknown;
}

// Shape checks rather than instanceof: socket errors are created by Node's own realm, which is not
// the realm of code running under a test VM.
const asErrorLike = (value: unknown): ErrorLike | null =>
  typeof value === 'object' && value !== null ? (value as ErrorLike) : null;

/**
 * A failure to reach the server at all: a Node socket error (ECONNREFUSED, ENOTFOUND, ETIMEDOUT…),
 * a dual-stack connect where every address failed, or pg's connect timeout or hang-up. Refusals by
 * the server itself (bad password, missing database) carry a SQLSTATE and are left as they are.
 */
export function isNetworkFailure(error: unknown): boolean {
  const candidate = asErrorLike(error);
  if (candidate === null) return false;
  if (Array.isArray(candidate.errors)) return candidate.errors.some(isNetworkFailure);
  if (typeof candidate.code === 'string') return /^E[A-Z_]+$/.test(candidate.code);
  return typeof candidate.message === 'string' && /timeout|Connection terminated/i.test(candidate.message);
}

export function explainConnectFailure(target: DatabaseTarget, error: unknown): unknown {
  return isNetworkFailure(error) ? new DatabaseUnreachableError(target, error) : error;
}

function describe(cause: unknown): string {
  const candidate = asErrorLike(cause);
  if (candidate === null) return String(cause);
  // Node reports a refused dual-stack connect as an AggregateError with an empty message.
  if (Array.isArray(candidate.errors)) return candidate.errors.map(describe).join('; ');
  if (typeof candidate.message === 'string' && candidate.message !== '') return candidate.message;
  return String(candidate.code);
}
