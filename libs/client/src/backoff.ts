/** How a client retries answers that say "try again later" (429, 503) and unreachable gateways. */
export interface RetryPolicy {
  /** Retries after the first attempt; 0 turns retrying off. */
  readonly maxRetries: number;
  /** The first delay, doubled per retry, with up to half of it random (jitter). */
  readonly baseDelayMs: number;
  /** Cap on one delay, `Retry-After` included. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 4, baseDelayMs: 250, maxDelayMs: 30_000 };

/**
 * The delay before retry number `retry` (0-based). The server's `Retry-After` wins over the
 * exponential schedule: it knows when its bucket refills or its broker returns.
 */
export function retryDelayMs(policy: RetryPolicy, retry: number, retryAfterSeconds: number | null, random = Math.random): number {
  if (retryAfterSeconds !== null) return Math.min(policy.maxDelayMs, retryAfterSeconds * 1000);
  const exponential = policy.baseDelayMs * 2 ** retry;
  return Math.min(policy.maxDelayMs, exponential / 2 + (exponential / 2) * random());
}

/** Waits `ms`, or less if `signal` aborts (then rejects with the signal's reason). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
