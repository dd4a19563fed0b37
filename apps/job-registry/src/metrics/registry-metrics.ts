import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { Names } from '@jetjobs/contracts';
import { checkpointLag, EventStore, readNamespaceConsumerLags } from '@jetjobs/event-store';
import { NAMES } from '@jetjobs/event-store-nest';
import { cachedSample, createMetricsRegistry, JobMetrics, registerBacklogGauges, type Registry } from '@jetjobs/metrics';
import { readCheckpoint } from '@jetjobs/persistence';
import { DATA_SOURCE } from '../database/database.providers';

/** Scrapes within this long share one read of NATS and PostgreSQL. */
const SAMPLE_TTL_MS = 2_000;
/** The projection whose lag is reported (the projector's checkpoint name). */
const JOBS_PROJECTION = 'jobs';

/**
 * The registry's metrics: job outcomes and durations from the projector, webhook deliveries,
 * and, read when scraped, the backlog of every consumer and the projection's lag. Backlogs are
 * the namespace's, not this replica's: with several replicas, aggregate them with max(), not sum().
 */
@Injectable()
export class RegistryMetrics {
  readonly registry: Registry = createMetricsRegistry();
  readonly jobs = new JobMetrics(this.registry);
  readonly webhookDeliveries = new Counter({
    name: 'jetjobs_webhook_deliveries_total',
    help: 'Webhook requests made, by outcome (delivered, retrying, gave_up, ...)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  constructor(store: EventStore, @Inject(NAMES) names: Names, @Inject(DATA_SOURCE) dataSource: DataSource) {
    registerBacklogGauges(this.registry, cachedSample(() => readNamespaceConsumerLags(store.jsm, names), SAMPLE_TTL_MS));
    const projectionLag = cachedSample(async () => {
      const { state } = await store.jsm.streams.info(names.jobsStream);
      return checkpointLag(state.last_seq, await readCheckpoint(dataSource, JOBS_PROJECTION));
    }, SAMPLE_TTL_MS);
    new Gauge({
      name: 'jetjobs_projection_lag_events',
      help: 'Job events stored in the stream but not yet projected into PostgreSQL',
      registers: [this.registry],
      async collect() {
        // Unknown (NATS or PostgreSQL away) is reported as no sample rather than a made-up 0.
        const lag = await projectionLag().catch(() => null);
        this.reset();
        if (lag !== null) this.set(lag);
      },
    });
  }
}
