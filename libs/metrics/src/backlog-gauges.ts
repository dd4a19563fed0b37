import { Gauge, type Registry } from 'prom-client';

/** The backlog of one durable consumer at one moment. */
export interface ConsumerBacklog {
  readonly stream: string;
  readonly consumer: string;
  /** The job kind of a work consumer (`work-<kind>`), null for the registry's own consumers. */
  readonly kind: string | null;
  /** Messages not yet delivered plus delivered but not yet acknowledged. */
  readonly lag: number;
}

/**
 * `jetjobs_work_pending{kind}` and `jetjobs_consumer_lag{stream,consumer}`, read from NATS when
 * scraped (through `sample`, which should cache) rather than kept up to date in between.
 */
export function registerBacklogGauges(registry: Registry, sample: () => Promise<readonly ConsumerBacklog[]>): void {
  new Gauge({
    name: 'jetjobs_work_pending',
    help: 'Work items of a kind waiting or in flight (the autoscaling signal)',
    labelNames: ['kind'],
    registers: [registry],
    async collect() {
      const backlogs = await sample().catch(() => []);
      this.reset();
      for (const { kind, lag } of backlogs) if (kind !== null) this.set({ kind }, lag);
    },
  });
  new Gauge({
    name: 'jetjobs_consumer_lag',
    help: 'Messages a durable consumer has not finished: not yet delivered plus unacknowledged',
    labelNames: ['stream', 'consumer'],
    registers: [registry],
    async collect() {
      const backlogs = await sample().catch(() => []);
      this.reset();
      for (const { stream, consumer, lag } of backlogs) this.set({ stream, consumer }, lag);
    },
  });
}
