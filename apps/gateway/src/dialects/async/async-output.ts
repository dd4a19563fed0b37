import type { JobView } from '@jetjobs/contracts';

/** What the service answered a finished request: an HTTP status and a body. */
export interface ServiceAnswer {
  readonly statusCode: number;
  readonly rawOutput: string;
  /** Why the request failed, in words, when the answer is not a success. */
  readonly failReason?: string;
}

/**
 * The output rules of `async-output.txt`: `completed` for a 2xx answer and `failed` (with
 * `fail_reason`) for any other; `output` is the body parsed as JSON and is left out when the body
 * is not JSON.
 */
export function toAsyncOutputJson(answer: ServiceAnswer) {
  const succeeded = answer.statusCode >= 200 && answer.statusCode <= 299;
  const parsed = parseJson(answer.rawOutput);
  return {
    status: succeeded ? ('completed' as const) : ('failed' as const),
    status_code: answer.statusCode,
    raw_output: answer.rawOutput,
    ...(parsed.ok ? { output: parsed.value } : {}),
    ...(succeeded ? {} : { fail_reason: answer.failReason ?? `The service answered with status ${answer.statusCode}` }),
  };
}

/**
 * A job as the async API shows it. A finished job is the service's answer: its result with 200,
 * or its error with 500; a cancelled request is a failure whose reason says so.
 */
export function jobOutputJson(job: JobView) {
  switch (job.status) {
    case 'queued':
      return { status: 'pending' as const };
    case 'processing':
      return { status: 'in_progress' as const };
    case 'completed':
      return toAsyncOutputJson({ statusCode: 200, rawOutput: JSON.stringify(job.result ?? null) });
    case 'failed': {
      const error = job.error ?? { code: 'failed', message: 'The request failed' };
      return toAsyncOutputJson({ statusCode: 500, rawOutput: JSON.stringify({ error }), failReason: error.message });
    }
    case 'cancelled': {
      const given = job.error?.message ?? job.cancelReason;
      // The domain writes "Cancelled on request" when no reason was given: nothing to add then.
      const reason = given && !/^cancel/i.test(given) ? `The request was cancelled: ${given}` : 'The request was cancelled';
      const error = { code: 'cancelled', message: reason };
      return toAsyncOutputJson({ statusCode: 500, rawOutput: JSON.stringify({ error }), failReason: reason });
    }
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
