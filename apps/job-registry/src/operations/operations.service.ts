import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { isJobId, type FailurePage, type FailuresPayload, type JobView, type RedrivePayload } from '@jetjobs/contracts';
import { EventStore, executeCommand } from '@jetjobs/event-store';
import { isAbsent, JobNotFoundError } from '@jetjobs/job-domain';
import { listFailedJobs } from '@jetjobs/persistence';
import { DATA_SOURCE } from '../database/database.providers';

/**
 * What operators ask of the registry, across projects (the gateway's admin routes and the CLI
 * check who may): the failed jobs, from the projection, and redrives, as commands on the stream.
 */
@Injectable()
export class OperationsService {
  constructor(
    private readonly store: EventStore,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  failures(payload: FailuresPayload): Promise<FailurePage> {
    return listFailedJobs(this.dataSource, payload);
  }

  /**
   * A redrive is a manual retry: `JobRetryScheduled` with the operator as `requestedBy` and the
   * reason as `comment`, due now, so the dispatcher queues the next attempt at once.
   */
  async redrive(payload: RedrivePayload): Promise<JobView> {
    if (!isJobId(payload.jobId)) throw new JobNotFoundError(payload.jobId);
    const loaded = await this.store.load(payload.jobId);
    if (isAbsent(loaded.state)) throw new JobNotFoundError(payload.jobId);
    const command = {
      type: 'RetryJob' as const,
      data: { dueAt: new Date().toISOString(), requestedBy: payload.requestedBy, comment: payload.reason },
    };
    const result = await executeCommand(this.store, { jobId: payload.jobId }, command, {
      correlationId: payload.correlationId,
      causationId: null,
    }, loaded);
    return result.state as JobView;
  }
}
