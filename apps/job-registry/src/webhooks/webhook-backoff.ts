/** When to try a failed webhook again, and how often at most. */
export interface WebhookRetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * Exponential backoff with "equal jitter": after attempt n the wait is drawn from
 * [c/2, c] with c = min(cap, base·2^(n-1)). Half the ceiling is kept so that a receiver that is
 * down gets time to recover between attempts; the random half spreads out the many deliveries
 * that failed at the same moment. `random` is injected for tests.
 */
export function webhookRetryDelayMs(failedAttempt: number, policy: WebhookRetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failedAttempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** The time of the next attempt, or null when `failedAttempt` was the last one allowed. */
export function nextWebhookAttemptAt(failedAttempt: number, policy: WebhookRetryPolicy, now: Date, random?: () => number): Date | null {
  if (failedAttempt >= policy.maxAttempts) return null;
  return new Date(now.getTime() + webhookRetryDelayMs(failedAttempt, policy, random));
}
