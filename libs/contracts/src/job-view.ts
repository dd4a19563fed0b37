import type { JobStatus } from './job-status';
import type { JobError } from './events';

/** One log line as clients see it. */
export interface JobLogLine {
  readonly at: string;
  readonly level: 'info' | 'warn' | 'error';
  readonly line: string;
}

/** The current state of a job as every reader sees it: the fold of its events. */
export interface JobView {
  readonly id: string;
  readonly kind: string;
  readonly projectId: string;
  readonly status: JobStatus;
  readonly version: number;
  readonly attempt: number;
  /** The current attempt failed and waits for the retry policy to decide what comes next. */
  readonly attemptFailed: boolean;
  readonly input: unknown;
  readonly webhookUrl: string | null;
  readonly progress: number;
  readonly detail: string | null;
  readonly framesCompleted: number | null;
  readonly frameCount: number | null;
  readonly logs: readonly JobLogLine[];
  readonly outputs: readonly unknown[];
  readonly result: unknown;
  readonly error: JobError | null;
  readonly cancelRequested: boolean;
  readonly cancelReason: string | null;
  readonly retryDueAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

export interface JobPage {
  readonly items: readonly JobView[];
  readonly total: number;
  readonly nextCursor: string | null;
}
