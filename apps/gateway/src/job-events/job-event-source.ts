import { Inject, Injectable } from '@nestjs/common';
import type { Actor, JobView } from '@jetjobs/contracts';
import { EventStore, decodeEvent } from '@jetjobs/event-store';
import { RegistryClient } from '../registry/registry-client';
import type { JobEventSource } from './job-event-stream';

/** Builds the per-connection JobEventSource: the registry for history, the stream for its head. */
@Injectable()
export class JobEventSources {
  constructor(
    private readonly registry: RegistryClient,
    @Inject(EventStore) private readonly store: EventStore,
  ) {}

  forJob(actor: Actor, jobId: string): JobEventSource {
    return {
      eventsAfter: (afterVersion) => this.registry.send('events', { actor, jobId, afterVersion }),
      latest: (job) => this.latest(job),
    };
  }

  /** One direct read of the last message on the job's subject: no consumer, no subscription. */
  private async latest(job: JobView) {
    const subject = this.store.names.jobSubject(job.kind, job.id);
    const message = await this.store.jsm.streams.getMessage(this.store.names.jobsStream, { last_by_subj: subject });
    return message ? decodeEvent(message).event : null;
  }
}
