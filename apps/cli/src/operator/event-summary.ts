import type { JobEvent } from '@jetjobs/contracts';

const json = (value: unknown): string => (value === undefined ? 'null' : JSON.stringify(value));

/** What an event says, in one line a person can read in a table. */
export function summarizeEvent(event: JobEvent): string {
  switch (event.type) {
    case 'JobSubmitted':
      return `input ${json(event.data.input)}${event.data.webhookUrl ? ` webhook ${event.data.webhookUrl}` : ''}`;
    case 'JobStarted':
      return `attempt ${event.data.attempt} on ${event.data.workerId}`;
    case 'JobProgressed': {
      const { progress, detail, framesCompleted, frameCount } = event.data;
      const frames = framesCompleted !== null && frameCount !== null ? ` (${framesCompleted}/${frameCount} frames)` : '';
      return `${progress}%${detail ? ` ${detail}` : ''}${frames}`;
    }
    case 'JobLogged':
      return `[${event.data.level}] ${event.data.line}`;
    case 'JobOutputAdded':
      return `output ${json(event.data.output)}`;
    case 'JobCompleted':
      return `result ${json(event.data.result)}`;
    case 'JobAttemptFailed':
      return `attempt ${event.data.attempt}: ${event.data.error.code}: ${event.data.error.message}`;
    case 'JobRetryScheduled': {
      const { attempt, dueAt, reason, requestedBy, comment } = event.data;
      const who = reason === 'manual' ? `manual, by ${requestedBy ?? 'unknown'}${comment ? `: "${comment}"` : ''}` : 'automatic';
      return `attempt ${attempt} (${who}) due ${dueAt}`;
    }
    case 'JobFailed':
      return `${event.data.error.code}: ${event.data.error.message}`;
    case 'JobCancelRequested':
    case 'JobCancelled':
      return event.data.reason ?? '';
    default:
      return '';
  }
}

/** The attempt an event belongs to, when it names one. */
export function attemptOf(event: JobEvent): number | null {
  const data = event.data as { attempt?: unknown };
  return typeof data.attempt === 'number' ? data.attempt : null;
}
