import type { JobEvent, JobView } from '@jetjobs/contracts';
import { isAbsent, type JobState } from './job-state';

/**
 * Folds one event into the state. Total and pure: workers, registry and gateway all fold the same
 * events with this function, so they agree on what a job is.
 */
export function evolve(state: JobState, event: JobEvent): JobState {
  const { version, occurredAt } = event.metadata;
  if (event.type === 'JobSubmitted') {
    if (!isAbsent(state)) return state;
    return submitted(event);
  }
  if (isAbsent(state)) return state;
  const next = applyToJob(state, event);
  return { ...next, version, updatedAt: occurredAt };
}

/** Folds a whole history, oldest first. */
export function fold(events: Iterable<JobEvent>, state: JobState = { status: 'absent', version: 0 }): JobState {
  let current = state;
  for (const event of events) current = evolve(current, event);
  return current;
}

function submitted(event: Extract<JobEvent, { type: 'JobSubmitted' }>): JobView {
  const { metadata, data } = event;
  return {
    id: metadata.jobId,
    kind: metadata.kind,
    projectId: metadata.projectId,
    status: 'queued',
    version: metadata.version,
    attempt: 1,
    attemptFailed: false,
    input: data.input,
    webhookUrl: data.webhookUrl,
    progress: 0,
    detail: null,
    framesCompleted: null,
    frameCount: null,
    logs: [],
    outputs: [],
    result: null,
    error: null,
    cancelRequested: false,
    cancelReason: null,
    retryDueAt: null,
    createdAt: metadata.occurredAt,
    updatedAt: metadata.occurredAt,
    startedAt: null,
    finishedAt: null,
  };
}

function applyToJob(job: JobView, event: JobEvent): JobView {
  const at = event.metadata.occurredAt;
  switch (event.type) {
    case 'JobSubmitted':
      return job;
    case 'JobStarted':
      return { ...job, status: 'processing', attempt: event.data.attempt, startedAt: at, progress: 0, detail: null, retryDueAt: null };
    case 'JobProgressed': {
      const { progress, detail, framesCompleted, frameCount } = event.data;
      return { ...job, progress, detail, framesCompleted, frameCount };
    }
    case 'JobLogged':
      return { ...job, logs: [...job.logs, { at, level: event.data.level, line: event.data.line }] };
    case 'JobOutputAdded':
      return { ...job, outputs: [...job.outputs, event.data.output] };
    case 'JobCompleted':
      return { ...job, status: 'completed', result: event.data.result, progress: 100, finishedAt: at };
    case 'JobAttemptFailed':
      return { ...job, attemptFailed: true, error: event.data.error };
    case 'JobRetryScheduled':
      return {
        ...job,
        status: 'queued',
        attempt: event.data.attempt,
        attemptFailed: false,
        cancelRequested: false,
        cancelReason: null,
        retryDueAt: event.data.dueAt,
        progress: 0,
        detail: null,
        framesCompleted: null,
        frameCount: null,
        outputs: [],
        result: null,
        error: null,
        finishedAt: null,
      };
    case 'JobFailed':
      return { ...job, status: 'failed', error: event.data.error, finishedAt: at };
    case 'JobCancelRequested':
      return { ...job, cancelRequested: true, cancelReason: event.data.reason };
    case 'JobCancelled':
      return {
        ...job,
        status: 'cancelled',
        error: { code: 'cancelled', message: event.data.reason ?? 'Cancelled on request' },
        finishedAt: at,
      };
    default:
      return assertNever(event);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled event: ${JSON.stringify(value)}`);
}
