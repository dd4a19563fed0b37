import type { DataSource } from 'typeorm';
import type { StoredEvent } from '@jetjobs/contracts';
import type { JobMetrics } from '@jetjobs/metrics';
import { readJobHistories } from '@jetjobs/persistence';
import { jobObservations } from './job-observations';

/** Events that start or end an attempt, or set when the next one is due: the rest add nothing. */
const TIMED_TYPES = ['JobSubmitted', 'JobRetryScheduled', 'JobStarted', 'JobCompleted', 'JobAttemptFailed', 'JobFailed', 'JobCancelled'];
const MEASURED = new Set(TIMED_TYPES.filter((type) => type !== 'JobSubmitted' && type !== 'JobRetryScheduled'));

/**
 * Adds the events the projector has just committed to the job metrics. Called only with events
 * applied by this transaction (a redelivered event is not applied twice), so across replicas
 * each event is counted once. The times an event is measured from come from the projected
 * history: one query per batch, only when the batch starts or ends an attempt.
 */
export async function observeAppliedEvents(dataSource: DataSource, metrics: JobMetrics, applied: readonly StoredEvent[]): Promise<void> {
  const measured = applied.filter(({ event }) => MEASURED.has(event.type));
  if (measured.length === 0) return;
  const jobIds = [...new Set(measured.map(({ event }) => event.metadata.jobId))];
  const histories = await readJobHistories(dataSource, jobIds, TIMED_TYPES);
  for (const jobId of jobIds) {
    const mine = measured.filter(({ event }) => event.metadata.jobId === jobId);
    const kind = metrics.kinds.of(mine[0]?.event.metadata.kind ?? 'unknown');
    const versions = new Set(mine.map(({ event }) => event.metadata.version));
    for (const observation of jobObservations(histories.get(jobId) ?? [], versions)) record(metrics, kind, observation);
  }
}

function record(metrics: JobMetrics, kind: string, observation: ReturnType<typeof jobObservations>[number]): void {
  switch (observation.metric) {
    case 'queue':
      return metrics.queueSeconds.observe({ kind }, observation.seconds);
    case 'run':
      return metrics.runSeconds.observe({ kind, status: observation.status }, observation.seconds);
    case 'attempt':
      return metrics.attempts.inc({ kind, outcome: observation.outcome });
    case 'finished':
      return metrics.finished.inc({ kind, status: observation.status });
  }
}

/** The events one `applyEventsInOrder` call applied: the last `applied` of those up to its `lastSeq`. */
export function appliedEvents(events: readonly StoredEvent[], result: { readonly applied: number; readonly lastSeq: number }): StoredEvent[] {
  if (result.applied === 0) return [];
  return events.filter(({ seq }) => seq <= result.lastSeq).sort((a, b) => a.seq - b.seq).slice(-result.applied);
}
