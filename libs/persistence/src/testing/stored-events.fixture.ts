import { randomUUID } from 'node:crypto';
import { SCHEMA_VERSION, type JobEvent, type JobEventBody, type StoredEvent } from '@jetjobs/contracts';

/** A job the fixtures write events for. */
export interface JobRef {
  readonly id: string;
  readonly projectId: string;
  readonly kind: string;
}

export function newJob(projectId = 'project-a', kind = 'avf-inference'): JobRef {
  return { id: randomUUID(), projectId, kind };
}

const EPOCH = Date.UTC(2025, 0, 1);

/**
 * A stand-in for the JOBS stream: hands out stream sequences in append order and versions per job,
 * with valid metadata, so tests can build histories as the platform would publish them.
 */
export class EventLog {
  private seq = 0;
  private readonly versions = new Map<string, number>();
  readonly events: StoredEvent[] = [];

  /** Appends one event; its time defaults to one second per stream sequence after 2025-01-01. */
  append(job: JobRef, body: JobEventBody, occurredAt?: string): StoredEvent {
    const seq = ++this.seq;
    const version = (this.versions.get(job.id) ?? 0) + 1;
    this.versions.set(job.id, version);
    const metadata = {
      eventId: randomUUID(),
      jobId: job.id,
      kind: job.kind,
      projectId: job.projectId,
      version,
      occurredAt: occurredAt ?? new Date(EPOCH + seq * 1000).toISOString(),
      correlationId: `corr-${job.id}`,
      causationId: null,
      schemaVersion: SCHEMA_VERSION,
    };
    const stored: StoredEvent = { seq, event: { ...body, metadata } as JobEvent };
    this.events.push(stored);
    return stored;
  }

  submit(job: JobRef, occurredAt?: string): StoredEvent {
    return this.append(job, { type: 'JobSubmitted', data: { input: { url: `s3://in/${job.id}` }, webhookUrl: null } }, occurredAt);
  }

  /** A whole successful run: started, progress, a log line, an output, completed. */
  complete(job: JobRef): void {
    this.append(job, { type: 'JobStarted', data: { attempt: 1, workerId: 'worker-1' } });
    this.append(job, { type: 'JobProgressed', data: { attempt: 1, progress: 42.5, detail: 'frames', framesCompleted: 17, frameCount: 40 } });
    this.append(job, { type: 'JobLogged', data: { attempt: 1, level: 'info', line: 'decoded "input" ✓' } });
    this.append(job, { type: 'JobOutputAdded', data: { attempt: 1, output: { clip: 1, score: 0.93 } } });
    this.append(job, { type: 'JobCompleted', data: { attempt: 1, result: { verdict: 'authentic' } } });
  }

  /** A failed attempt, a retry, and a final failure. */
  fail(job: JobRef): void {
    const error = { code: 'decode_error', message: 'bad frame' };
    this.append(job, { type: 'JobStarted', data: { attempt: 1, workerId: 'worker-1' } });
    this.append(job, { type: 'JobAttemptFailed', data: { attempt: 1, error } });
    this.append(job, { type: 'JobRetryScheduled', data: { attempt: 2, dueAt: '2025-06-01T00:00:00.000Z', reason: 'automatic', requestedBy: null } });
    this.append(job, { type: 'JobStarted', data: { attempt: 2, workerId: 'worker-2' } });
    this.append(job, { type: 'JobFailed', data: { attempt: 2, error } });
  }

  cancel(job: JobRef): void {
    this.append(job, { type: 'JobCancelRequested', data: { reason: 'no longer needed' } });
    this.append(job, { type: 'JobCancelled', data: { reason: 'no longer needed' } });
  }
}
