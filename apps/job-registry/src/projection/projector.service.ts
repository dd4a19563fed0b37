import { Inject, Injectable } from '@nestjs/common';
import type { JsMsg } from '@nats-io/jetstream';
import type { DataSource } from 'typeorm';
import type { Names, StoredEvent } from '@jetjobs/contracts';
import { consumeInBatches, decodeEvent, ensureDurableConsumer, EventStore } from '@jetjobs/event-store';
import { NAMES } from '@jetjobs/event-store-nest';
import { applyEventBatch } from '@jetjobs/persistence';
import { BackgroundLoop } from '../background/background-loop';
import { DATA_SOURCE } from '../database/database.providers';
import { REGISTRY_CONFIG, type RegistryConfig } from '../registry-config';

export const JOBS_PROJECTION = 'jobs';

/**
 * Projects job events into PostgreSQL. Rows and the checkpoint are written in one transaction
 * and acks are sent only after it commits: a crash before the ack redelivers the batch, and the
 * checkpoint makes the redelivered events no-ops.
 */
@Injectable()
export class ProjectorService extends BackgroundLoop {
  constructor(
    private readonly store: EventStore,
    @Inject(NAMES) private readonly names: Names,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
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
    for (const message of batch) {
      try {
        events.push(decodeEvent(message));
      } catch (error) {
        this.logger.error(`skipping undecodable event at sequence ${message.seq}: ${String(error)}`);
      }
    }
    await applyEventBatch(this.dataSource, JOBS_PROJECTION, events);
    for (const message of batch) message.ack();
  }
}
