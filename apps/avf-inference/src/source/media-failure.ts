import { describeToolFailure, MediaError, ToolFailedError } from '@jetjobs/media';
import { PermanentError } from '@jetjobs/worker-runtime';

/**
 * Failures caused by the file itself become permanent job errors with a code a client can act
 * on: the same bytes would fail the same way on every retry. Anything else passes unchanged
 * (an unexpected error is retried by the platform's policy).
 */
export function asMediaFailure(error: unknown): unknown {
  if (error instanceof MediaError) return new PermanentError(error.message, error.code, { cause: error });
  if (error instanceof ToolFailedError) return asMediaFailure(describeToolFailure(error, 'The video could not be decoded'));
  return error;
}
