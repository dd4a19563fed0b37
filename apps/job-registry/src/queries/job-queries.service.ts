import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { isJobId, type EventsAfterPayload, type GetJobPayload, type JobPage, type JobView, type ListJobsPayload, type RegistryReplies } from '@jetjobs/contracts';
import { EventStore } from '@jetjobs/event-store';
import { JobNotFoundError } from '@jetjobs/job-domain';
import { listJobs } from '@jetjobs/persistence';
import { DATA_SOURCE } from '../database/database.providers';
import { ownJob } from '../commands/job-commands.service';

/**
 * Reads. One job and its events come from the stream (always current, so a client that just
 * submitted sees its job at once); lists come from the PostgreSQL projection.
 */
@Injectable()
export class JobQueriesService {
  constructor(
    private readonly store: EventStore,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  async job(payload: GetJobPayload): Promise<JobView> {
    const loaded = await this.loadOwn(payload.jobId, payload.actor.projectId);
    return loaded.job;
  }

  list(payload: ListJobsPayload): Promise<JobPage> {
    return listJobs(this.dataSource, payload);
  }

  async events(payload: EventsAfterPayload): Promise<RegistryReplies['events']> {
    const { job, events } = await this.loadOwn(payload.jobId, payload.actor.projectId);
    return { job, events: events.filter((event) => event.metadata.version > payload.afterVersion) };
  }

  private async loadOwn(jobId: string, projectId: string) {
    if (!isJobId(jobId)) throw new JobNotFoundError(jobId);
    const loaded = await this.store.load(jobId);
    return { job: ownJob(loaded.state, jobId, projectId), events: loaded.events.map((stored) => stored.event) };
  }
}
