import { PermanentError, RetryableError } from '@jetjobs/worker-runtime';

export const BACKEND_ERRORS = {
  unavailable: 'moderation_backend_unavailable',
  rejected: 'moderation_backend_rejected',
} as const;

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
    const why = timeout.aborted ? `no answer within ${request.timeoutMs} ms` : causeOf(error);
    throw new RetryableError(`The moderation backend at ${new URL(url).host} could not be reached: ${why}`, BACKEND_ERRORS.unavailable);
  }
  const text = await response.text();
  if (!response.ok) throw new BackendHttpError(response.status, `${new URL(url).host} answered HTTP ${response.status}: ${text.slice(0, 300)}`, retryAfter(response));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new RetryableError(`${new URL(url).host} answered with something that is not JSON: ${text.slice(0, 100)}`, BACKEND_ERRORS.unavailable);
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

function asJobError(error: unknown): unknown {
  if (!(error instanceof BackendHttpError)) return error;
  if (error.transient) return new RetryableError(error.message, BACKEND_ERRORS.unavailable);
  return new PermanentError(`The moderation backend refused the frames: ${error.message}`, BACKEND_ERRORS.rejected);
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
