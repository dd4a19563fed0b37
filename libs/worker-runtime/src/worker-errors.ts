/**
 * How a handler says an attempt failed. A retryable error (also any unexpected exception) lets
 * the registry's retry policy schedule another attempt; a permanent one fails the job at once.
 */
export class RetryableError extends Error {
  constructor(
    message: string,
    readonly code = 'retryable_error',
  ) {
    super(message);
    this.name = 'RetryableError';
  }
}

export class PermanentError extends Error {
  constructor(
    message: string,
    readonly code = 'permanent_error',
  ) {
    super(message);
    this.name = 'PermanentError';
  }
}

/** The error as it is recorded in the job's events. */
export function describeError(error: unknown): { code: string; message: string; permanent: boolean } {
  if (error instanceof PermanentError) return { code: error.code, message: error.message, permanent: true };
  if (error instanceof RetryableError) return { code: error.code, message: error.message, permanent: false };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'handler_error', message, permanent: false };
}
