import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Objm } from '@nats-io/obj';
import type { Consumer } from '@nats-io/jetstream';
import { ensureWorkConsumer, EventStore, untilBrokerAnswers } from '@jetjobs/event-store';
import { createMetricsRegistry, type Registry } from '@jetjobs/metrics';
import { sweepStaleTempDirs } from '@jetjobs/media';
import type { JobHandler } from './job-context';
import { CancellationHub } from './cancellation-hub';
import { MediaStore } from './media-store';
import { processWorkItem, type WorkItemOutcome } from './process-work-item';
import type { AttemptEnvironment } from './run-attempt';
import { WorkerMetrics } from './worker-metrics';
import { metricsPortOf, serveWorkerObservability } from './worker-observability';

export interface WorkerOptions {
  readonly store: EventStore;
  readonly kind: string;
  readonly handler: JobHandler;
  /** Jobs this process runs at once. */
  readonly concurrency?: number;
  /** Redelivery delay for a silent worker; the heartbeat runs at a third of it. */
  readonly ackWaitMs?: number;
  readonly maxDeliver?: number;
  /** Wall-clock limit of one attempt, heartbeats or not; past it the job fails (default: none). */
  readonly attemptDeadlineMs?: number;
  readonly workerId?: string;
  readonly onError?: (error: unknown) => void;
  /** Called after each delivery is handled (for logs and tests). */
  readonly onOutcome?: (outcome: WorkItemOutcome) => void;
  /** Port of /metrics, /healthz and /readyz (0: any free one); default `JETJOBS_METRICS_PORT`, null: none. */
  readonly metricsPort?: number | null;
}

export interface Worker {
  readonly workerId: string;
  /** This worker's metrics, also served at `metricsUrl` when a port was given. */
  readonly metrics: Registry;
  readonly metricsUrl: string | null;
  /**
   * Stops taking work and waits for running attempts; after `graceMs` they are stopped and
   * recorded as failed attempts, so another worker runs them again.
   */
  stop(graceMs?: number): Promise<void>;
}

/** Without a deadline, a job folder untouched this long is taken as abandoned. */
const STALE_TEMP_MS = 24 * 3_600_000;

/** Binds the kind's shared work consumer and runs `concurrency` pull loops until stopped. */
export async function startWorker(options: WorkerOptions): Promise<Worker> {
  const { store, kind } = options;
  const ackWaitMs = options.ackWaitMs ?? 30_000;
  const attemptDeadlineMs = options.attemptDeadlineMs ?? 0;
  // A worker killed mid-job (out of memory, SIGKILL) left its job folders behind: reclaim them.
  // Any folder older than two deadlines belongs to no live attempt whoever made it.
  await sweepStaleTempDirs(attemptDeadlineMs > 0 ? 2 * attemptDeadlineMs : STALE_TEMP_MS);
  // A stream leader away (a node lost, a cluster electing) is waited for, never a reason to exit.
  const [consumer, bucket] = await untilBrokerAnswers(`Binding the ${kind} work consumer`, async () => {
    await ensureWorkConsumer(store.jsm, store.names, kind, { ackWaitMs, maxDeliver: options.maxDeliver ?? 5 });
    return Promise.all([store.js.consumers.get(store.names.workStream, store.names.workConsumer(kind)), new Objm(store.nc).open(store.names.mediaBucket)]);
  });
  const workerId = options.workerId ?? `${kind}@${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const metrics = new WorkerMetrics(createMetricsRegistry(), kind);
  const port = metricsPortOf(options.metricsPort);
  const server = port === null ? null : await serveWorkerObservability(store, kind, port, metrics.registry);
  const shutdown = new AbortController();
  const cancellations = new CancellationHub(store, kind, options.onError);
  cancellations.start();
  const environment: AttemptEnvironment = {
    cancellations,
    store,
    media: new MediaStore(bucket),
    workerId,
    handler: metrics.instrument(options.handler),
    heartbeatMs: Math.max(250, Math.floor(ackWaitMs / 3)),
    attemptDeadlineMs,
    shutdown: shutdown.signal,
    onError: options.onError,
  };
  const state = { stopping: false };
  const onOutcome = (outcome: WorkItemOutcome) => {
    metrics.countOutcome(outcome);
    options.onOutcome?.(outcome);
  };
  const slots = Array.from({ length: options.concurrency ?? 1 }, () => pullLoop(consumer, environment, state, { ...options, onOutcome }));
  const all = Promise.all(slots);
  return {
    workerId,
    metrics: metrics.registry,
    metricsUrl: server?.url ?? null,
    async stop(graceMs = 30_000) {
      state.stopping = true;
      const timer = setTimeout(() => shutdown.abort(), graceMs);
      await all;
      clearTimeout(timer);
      await cancellations.stop();
      await server?.close();
    },
  };
}

/** One slot: pull one item only when free, so a busy worker never hoards items others could run. */
async function pullLoop(consumer: Consumer, environment: AttemptEnvironment, state: { stopping: boolean }, options: WorkerOptions): Promise<void> {
  while (!state.stopping) {
    const message = await consumer.next({ expires: 1_000 }).catch(async (error: unknown) => {
      options.onError?.(error);
      await new Promise((resolve) => setTimeout(resolve, 500)); // server away: do not spin
      return null;
    });
    if (message === null) continue;
    if (state.stopping) {
      message.nak();
      break;
    }
    try {
      const outcome = await processWorkItem(message, environment);
      options.onOutcome?.(outcome);
    } catch (error) {
      // The event store could not be reached: hand the item back for a later try.
      options.onError?.(error);
      message.nak(1_000);
    }
  }
}
