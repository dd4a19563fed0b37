import type { WebhookAttempt } from '@jetjobs/contracts';
import type { WebhookDeliveryEntity } from '../entities/webhook-delivery.entity';

/** A stored attempt as the contracts describe it, times in ISO 8601. */
export function toWebhookAttempt(row: WebhookDeliveryEntity): WebhookAttempt {
  return {
    id: row.id,
    jobId: row.jobId,
    url: row.url,
    eventType: row.eventType,
    eventVersion: row.eventVersion,
    attempt: row.attempt,
    state: row.state,
    statusCode: row.statusCode,
    error: row.error,
    durationMs: row.durationMs,
    attemptedAt: row.attemptedAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
  };
}
