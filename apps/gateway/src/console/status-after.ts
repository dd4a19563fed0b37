import type { JobEvent, JobStatus } from '@jetjobs/contracts';

/**
 * The status an event moves a job to, for the live list's badge, or null when it leaves the
 * status alone (progress, logs). The job page folds the full state; the list needs only this.
 */
export function statusAfter(event: JobEvent): JobStatus | null {
  switch (event.type) {
    case 'JobSubmitted':
    case 'JobRetryScheduled':
      return 'queued';
    case 'JobStarted':
      return 'processing';
    case 'JobCompleted':
      return 'completed';
    case 'JobFailed':
      return 'failed';
    case 'JobCancelled':
      return 'cancelled';
    default:
      return null;
  }
}
