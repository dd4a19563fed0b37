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

/**
 * A failure to reach the server at all: a Node socket error (ECONNREFUSED, ENOTFOUND, ETIMEDOUT…),
 * a dual-stack connect where every address failed, or pg's connect timeout or hang-up. Refusals by
 * the server itself (bad password, missing database) carry a SQLSTATE and are left as they are.
 */
export function isNetworkFailure(error: unknown): boolean {
  if (error instanceof AggregateError) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return /^E[A-Z_]+$/.test(code);
  return /timeout|Connection terminated/i.test(error.message);
}

export function explainConnectFailure(target: DatabaseTarget, error: unknown): unknown {
  return isNetworkFailure(error) ? new DatabaseUnreachableError(target, error) : error;
}

function describe(cause: unknown): string {
  // Node reports a refused dual-stack connect as an AggregateError with an empty message.
  if (cause instanceof AggregateError) return cause.errors.map(describe).join('; ');
  if (cause instanceof Error) return cause.message || String((cause as { code?: unknown }).code);
  return String(cause);
}
