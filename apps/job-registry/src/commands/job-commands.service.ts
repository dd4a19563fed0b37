import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { isJobId, type JobCommandPayload, type JobView, type Names, type RegistryReplies, type StoredEvent, type SubmitJobPayload } from '@jetjobs/contracts';
import { EventStore, executeCommand, type LoadedJob } from '@jetjobs/event-store';
import { NAMES, NATS_CONNECTION } from '@jetjobs/event-store-nest';
import { rootLogger } from '@jetjobs/telemetry';
import { initialJobState, isAbsent, JobAlreadyExistsError, JobNotFoundError, type JobCommand, type JobState } from '@jetjobs/job-domain';
import { REGISTRY_CONFIG, type RegistryConfig } from '../registry-config';
import { IdempotencyKeys } from './idempotency-keys';
import { ServedKinds } from './served-kinds';

/** Serves SubmitJob, CancelJob and RetryJob: the commands clients send through the gateway. */
@Injectable()
export class JobCommandsService implements OnModuleInit {
  private idempotency!: IdempotencyKeys;
  private readonly served: ServedKinds;

  constructor(
    private readonly store: EventStore,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(NAMES) private readonly names: Names,
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
  ) {
    this.served = new ServedKinds(store, names);
  }

  async onModuleInit(): Promise<void> {
    this.idempotency = await IdempotencyKeys.open(this.nc, this.names);
  }

  async submit(payload: SubmitJobPayload): Promise<RegistryReplies['submit']> {
    const { actor, idempotencyKey } = payload;
    const newId = payload.jobId ?? randomUUID();
    const { jobId, claimed } = idempotencyKey
      ? await this.idempotency.claim(actor.projectId, idempotencyKey, newId)
      : { jobId: newId, claimed: true };
    if (!claimed) {
      const existing = await this.store.load(jobId);
      if (!isAbsent(existing.state)) return { job: existing.state, created: false };
    }
    if (this.config.JETJOBS_UNSERVED_KINDS === 'refuse') await this.served.assertServed(payload.kind);
    const command: JobCommand = { type: 'SubmitJob', data: { input: payload.input, webhookUrl: payload.webhookUrl } };
    try {
      // A freshly drawn id has no events: skip the read, the append's expected sequence 0 checks it.
      const fresh = claimed ? { state: initialJobState(), lastSeq: 0 } : undefined;
      const result = await executeCommand(this.store, { jobId, kind: payload.kind, projectId: actor.projectId }, command, {
        correlationId: payload.correlationId,
        causationId: null,
      }, fresh);
      rootLogger().info({ job_id: jobId, kind: payload.kind, project_id: actor.projectId }, 'job submitted');
      return { job: result.state as JobView, created: true };
    } catch (error) {
      // A concurrent submit with the same key (or a resent submit with the same id) won the
      // append: answer with its job, if it is the caller's.
      if (!(error instanceof JobAlreadyExistsError)) throw error;
      return { job: ownJob((await this.store.load(jobId)).state, jobId, actor.projectId), created: false };
    }
  }

  cancel(payload: JobCommandPayload): Promise<JobView> {
    return this.run(payload, { type: 'RequestCancel', data: { reason: payload.reason } });
  }

  /** A client's retry, bounded by JETJOBS_MAX_MANUAL_RETRIES: the count comes from the job's history. */
  retry(payload: JobCommandPayload): Promise<JobView> {
    return this.run(payload, (loaded) => ({
      type: 'RetryJob',
      data: {
        dueAt: new Date().toISOString(),
        requestedBy: payload.actor.subject,
        comment: payload.reason,
        manualRetries: { before: countManualRetries(loaded.events), max: this.config.JETJOBS_MAX_MANUAL_RETRIES },
      },
    }));
  }

  private async run(payload: JobCommandPayload, commandFor: JobCommand | ((loaded: LoadedJob) => JobCommand)): Promise<JobView> {
    if (!isJobId(payload.jobId)) throw new JobNotFoundError(payload.jobId);
    const loaded = await this.store.load(payload.jobId);
    ownJob(loaded.state, payload.jobId, payload.actor.projectId);
    const command = typeof commandFor === 'function' ? commandFor(loaded) : commandFor;
    const result = await executeCommand(this.store, { jobId: payload.jobId }, command, {
      correlationId: payload.correlationId,
      causationId: null,
    }, loaded);
    return result.state as JobView;
  }
}

/** A job of another project does not exist for the caller: same answer as an unknown id. */
export function ownJob(state: JobState, jobId: string, projectId: string): JobView {
  if (isAbsent(state) || state.projectId !== projectId) throw new JobNotFoundError(jobId);
  return state;
}

/** Retries a client or operator asked for, as opposed to the retry policy's automatic ones. */
function countManualRetries(events: readonly StoredEvent[]): number {
  return events.filter(({ event }) => event.type === 'JobRetryScheduled' && event.data.reason === 'manual').length;
}
