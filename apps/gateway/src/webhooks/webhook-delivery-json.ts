import type { WebhookAttempt } from '@jetjobs/contracts';

/** One delivery attempt as the native API shows it: snake_case, like the job itself. */
export function toWebhookAttemptJson(attempt: WebhookAttempt) {
  return {
    webhook_id: attempt.id,
    attempt: attempt.attempt,
    url: attempt.url,
    event_type: attempt.eventType,
    event_version: attempt.eventVersion,
    state: attempt.state,
    status_code: attempt.statusCode,
    error: attempt.error,
    duration_ms: attempt.durationMs,
    attempted_at: attempt.attemptedAt,
    delivered_at: attempt.deliveredAt,
    next_attempt_at: attempt.nextAttemptAt,
  };
}

export type WebhookAttemptJson = ReturnType<typeof toWebhookAttemptJson>;
