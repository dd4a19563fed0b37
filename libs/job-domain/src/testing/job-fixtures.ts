import type { JobError, JobEventBody } from '@jetjobs/contracts';
import type { JobCommand } from '../job-commands';

export const INPUT = { source: 's3://media/in.mov', preset: '720p' };
export const WEBHOOK_URL = 'https://hooks.example.test/jobs';
export const WORKER_ID = 'worker-a';
export const CANCEL_REASON = 'no longer needed';
export const RETRY_DUE_AT = '2025-03-01T11:00:00.000Z';
export const OPERATOR = 'user-ops';
export const ENCODER_CRASHED: JobError = { code: 'encoder_crashed', message: 'ffmpeg exited with code 1' };
export const RETRIES_EXHAUSTED: JobError = { code: 'retries_exhausted', message: 'Gave up after 3 attempts' };

type Body<T extends JobEventBody['type']> = Extract<JobEventBody, { type: T }>;

/** Event bodies with sensible defaults, for building histories. */
export const events = {
  submitted: (): Body<'JobSubmitted'> => ({ type: 'JobSubmitted', data: { input: INPUT, webhookUrl: WEBHOOK_URL } }),
  started: (attempt = 1): Body<'JobStarted'> => ({ type: 'JobStarted', data: { attempt, workerId: WORKER_ID } }),
  progressed: (attempt: number, progress: number): Body<'JobProgressed'> => ({
    type: 'JobProgressed',
    data: { attempt, progress, detail: `encoding ${progress}%`, framesCompleted: progress * 10, frameCount: 1000 },
  }),
  logged: (attempt: number, line: string): Body<'JobLogged'> => ({ type: 'JobLogged', data: { attempt, level: 'info', line } }),
  outputAdded: (attempt: number, output: unknown): Body<'JobOutputAdded'> => ({ type: 'JobOutputAdded', data: { attempt, output } }),
  completed: (attempt: number, result: unknown): Body<'JobCompleted'> => ({ type: 'JobCompleted', data: { attempt, result } }),
  attemptFailed: (attempt = 1, error = ENCODER_CRASHED): Body<'JobAttemptFailed'> => ({
    type: 'JobAttemptFailed',
    data: { attempt, error },
  }),
  retryScheduled: (attempt: number, reason: 'automatic' | 'manual' = 'automatic'): Body<'JobRetryScheduled'> => ({
    type: 'JobRetryScheduled',
    data: { attempt, dueAt: RETRY_DUE_AT, reason, requestedBy: reason === 'manual' ? OPERATOR : null },
  }),
  failed: (attempt = 1, error = RETRIES_EXHAUSTED): Body<'JobFailed'> => ({ type: 'JobFailed', data: { attempt, error } }),
  cancelRequested: (reason: string | null = CANCEL_REASON): Body<'JobCancelRequested'> => ({
    type: 'JobCancelRequested',
    data: { reason },
  }),
  cancelled: (reason: string | null = CANCEL_REASON): Body<'JobCancelled'> => ({ type: 'JobCancelled', data: { reason } }),
};

type Command<T extends JobCommand['type']> = Extract<JobCommand, { type: T }>;

/** One command of every type; worker reports name the attempt they belong to. */
export const commands = {
  submitJob: (): Command<'SubmitJob'> => ({ type: 'SubmitJob', data: { input: INPUT, webhookUrl: WEBHOOK_URL } }),
  startJob: (): Command<'StartJob'> => ({ type: 'StartJob', data: { workerId: WORKER_ID } }),
  reportProgress: (attempt: number): Command<'ReportProgress'> => ({
    type: 'ReportProgress',
    data: { attempt, progress: 55, detail: 'encoding 55%', framesCompleted: 550, frameCount: 1000 },
  }),
  appendLog: (attempt: number): Command<'AppendLog'> => ({
    type: 'AppendLog',
    data: { attempt, level: 'warn', line: 'dropped 2 frames' },
  }),
  addOutput: (attempt: number): Command<'AddOutput'> => ({
    type: 'AddOutput',
    data: { attempt, output: { url: 's3://media/out-720p.mp4' } },
  }),
  completeJob: (attempt: number): Command<'CompleteJob'> => ({
    type: 'CompleteJob',
    data: { attempt, result: { durationSeconds: 42 } },
  }),
  failAttempt: (attempt: number): Command<'FailAttempt'> => ({ type: 'FailAttempt', data: { attempt, error: ENCODER_CRASHED } }),
  scheduleRetry: (): Command<'ScheduleRetry'> => ({ type: 'ScheduleRetry', data: { dueAt: RETRY_DUE_AT } }),
  failJob: (): Command<'FailJob'> => ({ type: 'FailJob', data: { error: RETRIES_EXHAUSTED } }),
  requestCancel: (reason: string | null = CANCEL_REASON): Command<'RequestCancel'> => ({ type: 'RequestCancel', data: { reason } }),
  confirmCancel: (attempt: number): Command<'ConfirmCancel'> => ({ type: 'ConfirmCancel', data: { attempt } }),
  retryJob: (): Command<'RetryJob'> => ({ type: 'RetryJob', data: { dueAt: RETRY_DUE_AT, requestedBy: OPERATOR } }),
};
