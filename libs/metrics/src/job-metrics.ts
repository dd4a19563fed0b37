import { Counter, Histogram, type Registry } from 'prom-client';
import { BoundedLabel } from './bounded-label';

/** Seconds from a job's submission (or its retry falling due) to a worker starting it. */
export const QUEUE_SECONDS_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];
/** Seconds one attempt runs: from a few milliseconds (echo) to hours (a long video's clips). */
export const RUN_SECONDS_BUCKETS = [0.05, 0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 10_800];

/**
 * What happens to jobs, derived from their events in one place (job-registry's projector, which
 * applies each event exactly once per namespace) so that replicas never count a job twice.
 */
export class JobMetrics {
  readonly finished: Counter<'kind' | 'status'>;
  readonly queueSeconds: Histogram<'kind'>;
  readonly runSeconds: Histogram<'kind' | 'status'>;
  readonly attempts: Counter<'kind' | 'outcome'>;
  /** Kinds as labels, bounded: a queued kind no worker runs yet is still a client's choice. */
  readonly kinds = new BoundedLabel();

  constructor(registry: Registry) {
    const registers = [registry];
    this.finished = new Counter({ name: 'jetjobs_jobs_finished_total', help: 'Jobs that reached a terminal state, by kind and status (completed, failed, cancelled)', labelNames: ['kind', 'status'], registers });
    this.queueSeconds = new Histogram({ name: 'jetjobs_job_queue_seconds', help: 'Seconds from submission (or a retry falling due) to the start of the attempt', labelNames: ['kind'], buckets: QUEUE_SECONDS_BUCKETS, registers });
    this.runSeconds = new Histogram({ name: 'jetjobs_job_run_seconds', help: 'Seconds from the start of an attempt to its end, by how it ended (completed, failed, retried, cancelled)', labelNames: ['kind', 'status'], buckets: RUN_SECONDS_BUCKETS, registers });
    this.attempts = new Counter({ name: 'jetjobs_job_attempts_total', help: 'Attempts that ended, by outcome (completed, failed, retried, cancelled)', labelNames: ['kind', 'outcome'], registers });
  }
}

/** Counted at the HTTP edge, by the gateway that accepted the job. */
export function submittedJobsCounter(registry: Registry): Counter<'kind' | 'api'> {
  return new Counter({ name: 'jetjobs_jobs_submitted_total', help: 'Jobs accepted, by kind and by the API they came through', labelNames: ['kind', 'api'], registers: [registry] });
}
