import { Inject, Injectable } from '@nestjs/common';
import type { JsMsg } from '@nats-io/jetstream';
import type { DataSource } from 'typeorm';
import type { Names, StoredEvent } from '@jetjobs/contracts';
import { consumeInBatches, decodeEvent, ensureDurableConsumer, EventStore } from '@jetjobs/event-store';
import { NAMES } from '@jetjobs/event-store-nest';
import { applyEventsInOrder } from '@jetjobs/persistence';
import { BackgroundLoop } from '../background/background-loop';
import { DATA_SOURCE } from '../database/database.providers';
import { appliedEvents, observeAppliedEvents } from '../metrics/job-event-metrics';
import { RegistryMetrics } from '../metrics/registry-metrics';
import { REGISTRY_CONFIG, type RegistryConfig } from '../registry-config';
import { readMissingEvents } from './missing-events';

export const JOBS_PROJECTION = 'jobs';
// Events behind a gap come back this much later, by when the missing ones may have arrived.
const GAP_RETRY_MS = 1_000;

/**
 * Projects job events into PostgreSQL. Rows and the checkpoint are written in one transaction
 * and acks are sent only after it commits: a crash before the ack redelivers the batch, and the
 * checkpoint makes the redelivered events no-ops. Because the checkpoint is a high-water mark,
 * events are applied only in stream order: those behind a missing sequence (a batch handed back,
 * or held by a crashed replica until its ack wait ends) are handed back until it arrives.
 */
@Injectable()
export class ProjectorService extends BackgroundLoop {
  private missingSeq: number | null = null;

  constructor(
    private readonly store: EventStore,
    @Inject(NAMES) private readonly names: Names,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
    private readonly metrics: RegistryMetrics,
  ) {
    super();
  }

  protected async run(signal: AbortSignal): Promise<void> {
    const spec = { stream: this.names.jobsStream, name: this.names.projectorConsumer, filterSubject: this.names.jobsWildcard };
    await ensureDurableConsumer(this.store.jsm, { ...spec, ackWaitMs: this.config.JETJOBS_PROJECTOR_ACK_WAIT_MS, maxDeliver: -1, maxAckPending: 10_000 });
    const maxBatch = this.config.JETJOBS_PROJECTOR_BATCH;
    await consumeInBatches(this.store.js, spec.stream, spec.name, (batch) => this.project(batch), { maxBatch, signal });
  }

  private async project(batch: JsMsg[]): Promise<void> {
    const events: StoredEvent[] = [];
    const skippedSeqs: number[] = [];
    for (const message of batch) {
      try {
        events.push(decodeEvent(message));
      } catch (error) {
        this.logger.error(`skipping undecodable event at sequence ${message.seq}: ${String(error)}`);
        skippedSeqs.push(message.seq);
      }
    }
    let result = await applyEventsInOrder(this.dataSource, JOBS_PROJECTION, { events, skippedSeqs });
    const applied = appliedEvents(events, result);
    if (result.deferred.length > 0) {
      // Another replica holds the missing events: read them from the stream rather than wait.
      const missing = await readMissingEvents(this.store, result.lastSeq + 1, Math.min(...result.deferred) - 1);
      if (missing.length > 0) {
        const withGap = [...missing, ...events.filter((event) => result.deferred.includes(event.seq))];
        result = await applyEventsInOrder(this.dataSource, JOBS_PROJECTION, { events: withGap, skippedSeqs });
        applied.push(...appliedEvents(withGap, result));
      }
    }
    if (result.deferred.length > 0) {
      // A gap is either events still to be redelivered or events that aged out of the stream.
      const { state } = await this.store.jsm.streams.info(this.names.jobsStream);
      if (state.first_seq > result.lastSeq + 1) {
        result = await applyEventsInOrder(this.dataSource, JOBS_PROJECTION, { events, skippedSeqs, streamFirstSeq: state.first_seq });
        applied.push(...appliedEvents(events, result));
      }
    }
    // Counted once committed, so across replicas each event counts once; a metrics failure never holds the projection up.
    await observeAppliedEvents(this.dataSource, this.metrics.jobs, applied).catch((error: unknown) => this.logger.warn(`job metrics not updated: ${String(error)}`));
    this.noteGap(result.deferred.length > 0 ? result.lastSeq + 1 : null, result.deferred.length);
    const deferred = new Set(result.deferred);
    for (const message of batch) {
      if (deferred.has(message.seq)) message.nak(GAP_RETRY_MS);
      else message.ack();
    }
  }

  /** Says once per gap why the projection is not advancing, and once when it moves again. */
  private noteGap(missingSeq: number | null, waiting: number): void {
    if (missingSeq === this.missingSeq) return;
    if (missingSeq !== null) this.logger.warn(`waiting for stream sequence ${missingSeq} before applying ${waiting} later events`);
    else this.logger.log(`stream sequence ${this.missingSeq} arrived; projecting in order again`);
    this.missingSeq = missingSeq;
  }
}
