import type { JobEventBody } from '@jetjobs/contracts';
import { events } from './job-fixtures';

const { submitted, started, progressed, attemptFailed, retryScheduled, completed, failed, cancelRequested, cancelled } = events;

/** One history per state the decider distinguishes; every spec decides against these. */
export const histories = {
  absent: [],
  queued: [submitted()],
  queuedAfterRetry: [submitted(), started(1), attemptFailed(1), retryScheduled(2)],
  processing: [submitted(), started(1), progressed(1, 40)],
  cancelRequested: [submitted(), started(1), progressed(1, 40), cancelRequested()],
  attemptFailed: [submitted(), started(1), attemptFailed(1)],
  completed: [submitted(), started(1), completed(1, { durationSeconds: 42 })],
  failed: [submitted(), started(1), attemptFailed(1), failed(1)],
  cancelled: [submitted(), started(1), cancelRequested(), cancelled()],
} satisfies Record<string, readonly JobEventBody[]>;

export type StateName = keyof typeof histories;

export const STATE_NAMES = Object.keys(histories) as StateName[];

/** How each state reads in a test name. */
export const STATE_LABELS: Record<StateName, string> = {
  absent: 'absent',
  queued: 'queued',
  queuedAfterRetry: 'queued after a retry',
  processing: 'processing',
  cancelRequested: 'processing with a cancel requested',
  attemptFailed: 'processing after its attempt failed',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
};
