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
 * Server-side refusals (bad password, missing database) carry a five-character SQLSTATE and are
 * left as they are; anything else during connect is a network failure.
 */
export function isNetworkFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return !(typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code));
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
