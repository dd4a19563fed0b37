import type { WebhookAttemptOutcome } from '@jetjobs/persistence';
import { nextWebhookAttemptAt, type WebhookRetryPolicy } from './webhook-backoff';
import type { WebhookSendResult } from './webhook-sender';

/**
 * What an attempt's result means for the delivery: delivered on a 2xx; otherwise another
 * attempt after a backoff, unless the attempts are used up or the URL is refused outright.
 */
export function attemptOutcome(
  result: WebhookSendResult,
  attempt: number,
  policy: WebhookRetryPolicy,
  now: Date,
  random?: () => number,
): WebhookAttemptOutcome {
  const { statusCode, durationMs } = result;
  if (statusCode !== null && statusCode >= 200 && statusCode < 300) {
    return { state: 'delivered', statusCode, error: null, durationMs, deliveredAt: now, nextAttemptAt: null };
  }
  const nextAttemptAt = result.refused ? null : nextWebhookAttemptAt(attempt, policy, now, random);
  return {
    state: nextAttemptAt === null ? 'failed' : 'pending',
    statusCode,
    error: result.error ?? `HTTP ${statusCode}`,
    durationMs,
    deliveredAt: null,
    nextAttemptAt,
  };
}

/** An attempt claimed but never finished: its registry stopped while the request was out. */
export function interruptedOutcome(nextAttemptAt: Date | null): WebhookAttemptOutcome {
  return {
    state: nextAttemptAt === null ? 'failed' : 'pending',
    statusCode: null,
    error: 'interrupted: no outcome was recorded (the registry stopped during the request)',
    durationMs: null,
    deliveredAt: null,
    nextAttemptAt,
  };
}
