import type { DataSource } from 'typeorm';
import type { WebhookAttempt } from '@jetjobs/contracts';
import { WebhookDeliveryEntity } from '../entities/webhook-delivery.entity';
import { isUuid } from '../queries/uuid';
import { toWebhookAttempt } from './webhook-attempt.row';

/** Every delivery attempt for one job, oldest terminal event first, then by attempt. */
export async function listWebhookDeliveries(ds: DataSource, jobId: string): Promise<WebhookAttempt[]> {
  if (!isUuid(jobId)) return [];
  const rows = await ds.getRepository(WebhookDeliveryEntity).find({
    where: { jobId },
    order: { eventVersion: 'ASC', attempt: 'ASC' },
  });
  return rows.map(toWebhookAttempt);
}
