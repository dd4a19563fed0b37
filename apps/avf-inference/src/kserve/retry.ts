/** A failure worth another try (timeout, connection refused, 503). */
export class TransientError extends Error {
  constructor(
    message: string,
    /** What a client may read of it (`HTTP 503`, `timed out`): no host, path or answer body. */
    readonly summary: string,
  ) {
    super(message);
    this.name = 'TransientError';
  }
}

export interface RetryOptions {
  /** Tries after the first. */
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly signal: AbortSignal;
}

/**
 * Runs `attempt` until it succeeds, throws something other than a `TransientError`, or the
 * retries are used up (then the last `TransientError` is thrown). Waits grow exponentially with
 * full jitter, so workers that failed together do not retry together; a cancel stops the wait.
 */
export async function withRetries<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let tried = 0; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof TransientError) || tried >= options.retries) throw error;
      await pause(Math.random() * options.baseDelayMs * 2 ** tried, options.signal);
    }
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
