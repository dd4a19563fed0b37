import type { DataSource } from 'typeorm';
import type { WebhookDeliveryState } from '@jetjobs/contracts';
import { WebhookDeliveryEntity } from '../entities/webhook-delivery.entity';

/** How a claimed attempt ended. */
export interface WebhookAttemptOutcome {
  readonly state: WebhookDeliveryState;
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number | null;
  /** Set when the receiver answered 2xx. */
  readonly deliveredAt: Date | null;
  /** Set when another attempt will follow. */
  readonly nextAttemptAt: Date | null;
}

/** Writes the outcome onto the attempt's row (claimed by `claimWebhookAttempt`). */
export async function finishWebhookAttempt(ds: DataSource, id: string, attempt: number, outcome: WebhookAttemptOutcome): Promise<void> {
  await ds.getRepository(WebhookDeliveryEntity).update({ id, attempt }, outcome);
}
