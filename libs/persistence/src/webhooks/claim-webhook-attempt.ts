import type { DataSource } from 'typeorm';

/** The attempt about to be sent: who, where, which terminal event, which try. */
export interface WebhookAttemptClaim {
  /** Standard Webhooks message id, the same for every attempt at one event. */
  readonly id: string;
  readonly jobId: string;
  readonly projectId: string;
  readonly url: string;
  readonly eventType: string;
  readonly eventVersion: number;
  readonly attempt: number;
  readonly attemptedAt: Date;
}

// Either key may clash: the same attempt number under the same message id, or the same attempt
// of the same job event. Both mean the attempt is someone else's.
const CLAIM = `
  INSERT INTO webhook_deliveries (id, job_id, project_id, url, event_type, event_version, attempt, state, attempted_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8)
  ON CONFLICT DO NOTHING
  RETURNING attempt`;

/**
 * Records an attempt as `pending` before its request leaves. Resolves false when that attempt
 * of that event is already recorded: another consumer is sending it, so this one must not.
 */
export async function claimWebhookAttempt(ds: DataSource, claim: WebhookAttemptClaim): Promise<boolean> {
  const rows: unknown[] = await ds.query(CLAIM, [
    claim.id,
    claim.jobId,
    claim.projectId,
    claim.url,
    claim.eventType,
    claim.eventVersion,
    claim.attempt,
    claim.attemptedAt,
  ]);
  return rows.length === 1;
}
