import type { DataSource } from 'typeorm';
import type { WebhookAttempt } from '@jetjobs/contracts';
import { WebhookDeliveryEntity } from '../entities/webhook-delivery.entity';
import { toWebhookAttempt } from './webhook-attempt.row';

/**
 * The last attempt at delivering one terminal event of a job, or null before the first: where a
 * redelivered event picks up (done, wait, or try again).
 */
export async function latestWebhookAttempt(ds: DataSource, jobId: string, eventVersion: number): Promise<WebhookAttempt | null> {
  const row = await ds.getRepository(WebhookDeliveryEntity).findOne({
    where: { jobId, eventVersion },
    order: { attempt: 'DESC' },
  });
  return row === null ? null : toWebhookAttempt(row);
}
