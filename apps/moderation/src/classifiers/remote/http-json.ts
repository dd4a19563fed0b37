import { PermanentError, RetryableError } from '@jetjobs/worker-runtime';

export const BACKEND_ERRORS = {
  unavailable: 'moderation_backend_unavailable',
  rejected: 'moderation_backend_rejected',
} as const;

/** How failures name the backend to the client: never its host or URL. */
const SERVICE = 'moderation model service';
// Not "will be retried": on the last attempt the same message ends the job.
const RETRIED = '; a later attempt may succeed';

/** A backend's non-2xx answer; `retryAfterMs` from its Retry-After header. */
export class BackendHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterMs: number | null,
  ) {
    super(message);
    this.name = 'BackendHttpError';
  }

  /** Rate limited, overloaded or failing: the same request may succeed later. */
  get transient(): boolean {
    return this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

export interface JsonRequest {
  readonly method: 'GET' | 'POST';
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/**
 * One JSON exchange with a model endpoint, bounded by a timeout. Failures come back typed for
 * the retry decision: a `BackendHttpError` for an answer, a `RetryableError` for no answer.
 */
export async function requestJson(url: string, request: JsonRequest): Promise<unknown> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
  let response: Response;
  try {
    response = await fetch(url, {
      method: request.method,
      headers: { accept: 'application/json', ...(request.body === undefined ? {} : { 'content-type': 'application/json' }), ...request.headers },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal,
    });
  } catch (error) {
    if (request.signal?.aborted) throw request.signal.reason;
    // The client reads that the service did not answer; the host and the socket error are for the log.
    const cause = new Error(`${new URL(url).host} could not be reached: ${causeOf(error)}`);
    if (timeout.aborted) throw new RetryableError(`The ${SERVICE} gave no answer within ${request.timeoutMs} ms${RETRIED}`, BACKEND_ERRORS.unavailable, { cause });
    throw new RetryableError(`The ${SERVICE} could not be reached${RETRIED}`, BACKEND_ERRORS.unavailable, { cause });
  }
  const text = await response.text();
  if (!response.ok) throw new BackendHttpError(response.status, `${new URL(url).host} answered HTTP ${response.status}: ${text.slice(0, 300)}`, retryAfter(response));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const cause = new Error(`${new URL(url).host} answered with something that is not JSON: ${text.slice(0, 100)}`);
    throw new RetryableError(`The ${SERVICE} answered with something that is not JSON${RETRIED}`, BACKEND_ERRORS.unavailable, { cause });
  }
}

/**
 * Runs `call` and retries transient failures with exponential backoff (honouring Retry-After),
 * up to `retries` more times. What is left at the end becomes the job's error: retryable when
 * the backend was unavailable, permanent when it refused the request itself.
 */
export async function withRetries<T>(call: () => Promise<T>, retries: number, signal: AbortSignal): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      const transient = error instanceof RetryableError || (error instanceof BackendHttpError && error.transient);
      if (!transient || attempt >= retries) throw asJobError(error);
      const backoffMs = 250 * 2 ** attempt;
      const waitMs = error instanceof BackendHttpError && error.retryAfterMs !== null ? Math.min(error.retryAfterMs, 30_000) : backoffMs;
      await sleep(waitMs, signal);
    }
  }
}

/**
 * The job's error for a backend's answer: the status only. The host and the answer's body (which
 * may echo keys, internal names or stack traces) stay in `cause`, which the worker logs with the
 * job id and never shows the client.
 */
function asJobError(error: unknown): unknown {
  if (!(error instanceof BackendHttpError)) return error;
  if (error.transient) return new RetryableError(`The ${SERVICE} answered HTTP ${error.status}${RETRIED}`, BACKEND_ERRORS.unavailable, { cause: error });
  return new PermanentError(`The ${SERVICE} refused the frames (HTTP ${error.status})`, BACKEND_ERRORS.rejected, { cause: error });
}

function retryAfter(response: Response): number | null {
  const header = response.headers.get('retry-after');
  if (header === null) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
