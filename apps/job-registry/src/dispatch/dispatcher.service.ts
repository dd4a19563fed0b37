import { Inject, Injectable } from '@nestjs/common';
import type { JsMsg } from '@nats-io/jetstream';
import type { JobEvent, JobEventOf, Names } from '@jetjobs/contracts';
import { consumeInBatches, decodeEvent, ensureDurableConsumer, EVENT_TYPE_HEADER, EventStore, executeCommand, publishWorkItem } from '@jetjobs/event-store';
import { NAMES } from '@jetjobs/event-store-nest';
import { withSpan } from '@jetjobs/telemetry';
import { IllegalTransitionError, type JobCommand } from '@jetjobs/job-domain';
import { BackgroundLoop } from '../background/background-loop';
import { REGISTRY_CONFIG, type RegistryConfig } from '../registry-config';
import { decideRetry, policyFor } from './retry-policy';

const DISPATCHED_TYPES: ReadonlySet<string> = new Set(['JobSubmitted', 'JobRetryScheduled', 'JobAttemptFailed']);

/**
 * Turns job events into work: a submitted job or a due retry becomes a work item for its kind,
 * and a failed attempt becomes a scheduled retry or, when attempts are used up, a failed job.
 * Every step is idempotent (message ids, versions), so a redelivered event changes nothing.
 */
@Injectable()
export class DispatcherService extends BackgroundLoop {
  constructor(
    private readonly store: EventStore,
    @Inject(NAMES) private readonly names: Names,
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
  ) {
    super();
  }

  protected async run(signal: AbortSignal): Promise<void> {
    const { jsm, js } = this.store;
    const spec = { stream: this.names.jobsStream, name: this.names.dispatcherConsumer, filterSubject: this.names.jobsWildcard };
    // Unlimited deliveries: a retry that is not yet due is handed back with a delay, many times.
    await ensureDurableConsumer(jsm, { ...spec, ackWaitMs: 30_000, maxDeliver: -1, maxAckPending: 20_000 });
    await consumeInBatches(js, spec.stream, spec.name, (batch) => this.handleBatch(batch), { maxBatch: 256, signal });
  }

  /**
   * Jobs are handled concurrently, each job's events in stream order; the acks go out together
   * at the end, one socket write for the batch rather than one per event. A batch that fails is
   * handed back whole, which is safe: every step is idempotent.
   */
  private async handleBatch(batch: JsMsg[]): Promise<void> {
    const byJob = new Map<string, { message: JsMsg; event: JobEvent }[]>();
    const acks: JsMsg[] = [];
    for (const message of batch) {
      // The type header spares decoding the many events that need no work (progress, logs...).
      const type = message.headers?.get(EVENT_TYPE_HEADER) ?? '';
      if (type !== '' && !DISPATCHED_TYPES.has(type)) {
        acks.push(message);
        continue;
      }
      const event = this.decode(message);
      if (event === null) continue;
      const items = byJob.get(event.metadata.jobId);
      if (items) items.push({ message, event });
      else byJob.set(event.metadata.jobId, [{ message, event }]);
    }
    await Promise.all([...byJob.values()].map(async (items) => {
      for (const { message, event } of items) {
        const delayMs = await this.handle(event);
        if (delayMs === null) acks.push(message);
        else message.nak(delayMs);
      }
    }));
    for (const message of acks) message.ack();
  }

  /** Resolves to null when the event is dealt with, or to the delay before it is due again. */
  private async handle(event: JobEvent): Promise<number | null> {
    const { jobId, kind } = event.metadata;
    if (event.type === 'JobSubmitted') {
      await this.traced(event, () => publishWorkItem(this.store.js, this.names, { jobId, kind, attempt: 1 }));
    } else if (event.type === 'JobRetryScheduled') {
      const wait = Date.parse(event.data.dueAt) - Date.now();
      if (wait > 0) return wait;
      await this.traced(event, () => publishWorkItem(this.store.js, this.names, { jobId, kind, attempt: event.data.attempt }));
    } else if (event.type === 'JobAttemptFailed') {
      await this.traced(event, () => this.afterFailedAttempt(event));
    }
    return null;
  }

  /**
   * A step on one event, as a span in the job's trace (the one the event recorded): the work item
   * it publishes and the events it appends carry it on to the worker's next attempt.
   */
  private traced(event: JobEvent, step: () => Promise<void>): Promise<void> {
    const { jobId, kind, projectId, traceparent } = event.metadata;
    const fields = { job_id: jobId, kind, project_id: projectId };
    const attributes = { 'jetjobs.job_id': jobId, 'jetjobs.kind': kind, 'jetjobs.event': event.type };
    return withSpan(`dispatch ${event.type}`, { parent: traceparent ?? null, kind: 'producer', fields, attributes }, step);
  }

  private decode(message: JsMsg): JobEvent | null {
    try {
      return decodeEvent(message).event;
    } catch (error) {
      this.logger.error(`dropping undecodable event at sequence ${message.seq}: ${String(error)}`);
      message.term();
      return null;
    }
  }

  private async afterFailedAttempt(event: JobEventOf<'JobAttemptFailed'>): Promise<void> {
    const { attempt, error } = event.data;
    const loaded = await this.store.load(event.metadata.jobId);
    // A redelivered failure of an earlier attempt must not touch the attempt running now.
    if (loaded.state.status !== 'processing' || loaded.state.attempt !== attempt || !loaded.state.attemptFailed) return;
    const policy = policyFor(event.metadata.kind, {
      maxAttempts: this.config.JETJOBS_RETRY_MAX_ATTEMPTS,
      baseDelayMs: this.config.JETJOBS_RETRY_BASE_DELAY_MS,
      maxDelayMs: this.config.JETJOBS_RETRY_MAX_DELAY_MS,
    }, this.config.JETJOBS_RETRY_POLICIES);
    const decision = decideRetry(attempt, policy, new Date());
    const command: JobCommand = decision.retry
      ? { type: 'ScheduleRetry', data: { dueAt: decision.dueAt.toISOString() } }
      : { type: 'FailJob', data: { error: { code: error.code, message: `${error.message} (gave up after ${attempt} attempts)` } } };
    try {
      await executeCommand(this.store, { jobId: event.metadata.jobId }, command, {
        correlationId: event.metadata.correlationId,
        causationId: event.metadata.eventId,
      }, loaded);
    } catch (failure) {
      // The job moved on (cancelled, or this event was redelivered after it was handled).
      if (!(failure instanceof IllegalTransitionError)) throw failure;
    }
  }
}
