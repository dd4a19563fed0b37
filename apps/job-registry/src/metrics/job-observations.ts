/** The part of a stored event that job metrics are computed from. */
export interface TimedEvent {
  readonly version: number;
  readonly type: string;
  readonly occurredAt: Date;
  readonly data: unknown;
}

export type JobObservation =
  | { readonly metric: 'queue'; readonly seconds: number }
  | { readonly metric: 'run'; readonly status: AttemptOutcome; readonly seconds: number }
  | { readonly metric: 'attempt'; readonly outcome: AttemptOutcome }
  | { readonly metric: 'finished'; readonly status: 'completed' | 'failed' | 'cancelled' };

/** How an attempt ended: `retried` is a retryable failure, whether or not a retry follows. */
export type AttemptOutcome = 'completed' | 'failed' | 'retried' | 'cancelled';

const ENDINGS: Readonly<Record<string, AttemptOutcome>> = {
  JobCompleted: 'completed',
  JobAttemptFailed: 'retried',
  JobFailed: 'failed',
  JobCancelled: 'cancelled',
};
const FINISHED: Readonly<Record<string, 'completed' | 'failed' | 'cancelled'>> = { JobCompleted: 'completed', JobFailed: 'failed', JobCancelled: 'cancelled' };

/**
 * What the `applied` events of one job add to the job metrics, given the job's history up to
 * and including them (in version order). The history supplies the times an applied event is
 * measured from: a start is timed from the submission or from when its retry fell due, an
 * attempt's end from its start. Events outside `applied` were counted before and add nothing.
 */
export function jobObservations(history: readonly TimedEvent[], applied: ReadonlySet<number>): JobObservation[] {
  const observations: JobObservation[] = [];
  let queuedAt: number | null = null;
  let startedAt: number | null = null;
  for (const event of history) {
    const at = event.occurredAt.getTime();
    const counts = applied.has(event.version);
    if (event.type === 'JobSubmitted') queuedAt = at;
    else if (event.type === 'JobRetryScheduled') queuedAt = dueAt(event.data) ?? at;
    else if (event.type === 'JobStarted') {
      if (counts && queuedAt !== null) observations.push({ metric: 'queue', seconds: seconds(at - queuedAt) });
      startedAt = at;
      queuedAt = null;
    }
    const ending = ENDINGS[event.type];
    // A job failed or cancelled while queued ended no attempt: only its end is counted.
    if (ending !== undefined && startedAt !== null) {
      if (counts) observations.push({ metric: 'run', status: ending, seconds: seconds(at - startedAt) }, { metric: 'attempt', outcome: ending });
      startedAt = null;
    }
    const finished = FINISHED[event.type];
    if (finished !== undefined && counts) observations.push({ metric: 'finished', status: finished });
  }
  return observations;
}

function dueAt(data: unknown): number | null {
  const due = (data as { dueAt?: unknown } | null)?.dueAt;
  return typeof due === 'string' ? Date.parse(due) : null;
}

// Clocks of different machines stamp start and end: a small negative difference is skew, not time.
const seconds = (ms: number) => Math.max(0, ms) / 1000;
