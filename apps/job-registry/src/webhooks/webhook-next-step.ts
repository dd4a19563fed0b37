import type { WebhookAttempt } from '@jetjobs/contracts';

/** What to do with a terminal event, given the last recorded attempt at delivering it. */
export type WebhookStep =
  | { readonly type: 'done' }
  | { readonly type: 'wait'; readonly delayMs: number }
  | { readonly type: 'send'; readonly attempt: number; readonly interrupted: WebhookAttempt | null }
  | { readonly type: 'give-up'; readonly interrupted: WebhookAttempt };

export interface StepLimits {
  readonly maxAttempts: number;
  /** How long after it was claimed an attempt with no outcome may still be in flight elsewhere. */
  readonly inFlightMs: number;
}

/**
 * Decides from the delivery's record alone, so a redelivered event, another replica or a restarted
 * registry all reach the same answer: nothing more once delivered or failed; wait until a
 * scheduled retry is due; an attempt claimed but never finished is still in flight for a while,
 * after which it counts as interrupted (the registry stopped mid-request) and the next one goes.
 */
export function nextWebhookStep(latest: WebhookAttempt | null, now: Date, limits: StepLimits): WebhookStep {
  if (latest === null) return { type: 'send', attempt: 1, interrupted: null };
  if (latest.state !== 'pending') return { type: 'done' };
  if (latest.nextAttemptAt !== null) {
    const wait = Date.parse(latest.nextAttemptAt) - now.getTime();
    return wait > 0 ? { type: 'wait', delayMs: wait } : { type: 'send', attempt: latest.attempt + 1, interrupted: null };
  }
  const stillInFlight = Date.parse(latest.attemptedAt) + limits.inFlightMs - now.getTime();
  if (stillInFlight > 0) return { type: 'wait', delayMs: stillInFlight };
  if (latest.attempt >= limits.maxAttempts) return { type: 'give-up', interrupted: latest };
  return { type: 'send', attempt: latest.attempt + 1, interrupted: latest };
}
