import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { isJobId, type ListWebhookDeliveriesPayload, type RegistryReplies, type WebhookSecretPayload } from '@jetjobs/contracts';
import { EventStore } from '@jetjobs/event-store';
import { JobNotFoundError } from '@jetjobs/job-domain';
import { ensureWebhookSecret, listWebhookDeliveries } from '@jetjobs/persistence';
import { ownJob } from '../commands/job-commands.service';
import { DATA_SOURCE } from '../database/database.providers';
import { newWebhookSecret } from './webhook-signature';

/** The webhook reads: a job's delivery attempts (its own project only) and a project's secret. */
@Injectable()
export class WebhookQueriesService {
  constructor(
    private readonly store: EventStore,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  async deliveries(payload: ListWebhookDeliveriesPayload): Promise<RegistryReplies['webhook-deliveries']> {
    // Ownership comes from the stream: a job of another project is as unknown as a missing one.
    if (!isJobId(payload.jobId)) throw new JobNotFoundError(payload.jobId);
    ownJob((await this.store.load(payload.jobId)).state, payload.jobId, payload.actor.projectId);
    return { items: await listWebhookDeliveries(this.dataSource, payload.jobId) };
  }

  /** For operators (the CLI): made on first use, like the first delivery does. */
  async secret(payload: WebhookSecretPayload): Promise<RegistryReplies['webhook-secret']> {
    const secret = await ensureWebhookSecret(this.dataSource, payload.projectId, newWebhookSecret());
    return { projectId: payload.projectId, secret };
  }
}
