import type { JobError } from '@jetjobs/contracts';

/**
 * Commands are imperative and carry everything a decision needs, including the time: `decide`
 * never reads the clock.
 */
export type JobCommand =
  | { readonly type: 'SubmitJob'; readonly data: { readonly input: unknown; readonly webhookUrl: string | null } }
  | { readonly type: 'StartJob'; readonly data: { readonly workerId: string } }
  | {
      readonly type: 'ReportProgress';
      readonly data: {
        readonly attempt: number;
        readonly progress: number;
        readonly detail: string | null;
        readonly framesCompleted: number | null;
        readonly frameCount: number | null;
      };
    }
  | { readonly type: 'AppendLog'; readonly data: { readonly attempt: number; readonly level: 'info' | 'warn' | 'error'; readonly line: string } }
  | { readonly type: 'AddOutput'; readonly data: { readonly attempt: number; readonly output: unknown } }
  | { readonly type: 'CompleteJob'; readonly data: { readonly attempt: number; readonly result: unknown } }
  | { readonly type: 'FailAttempt'; readonly data: { readonly attempt: number; readonly error: JobError } }
  | { readonly type: 'ScheduleRetry'; readonly data: { readonly dueAt: string } }
  | { readonly type: 'FailJob'; readonly data: { readonly error: JobError } }
  | { readonly type: 'RequestCancel'; readonly data: { readonly reason: string | null } }
  | { readonly type: 'ConfirmCancel'; readonly data: { readonly attempt: number } }
  | {
      readonly type: 'RetryJob';
      /**
       * `comment`: why the operator asked, recorded on the event when given. `manualRetries`: how
       * many times the job was retried by hand so far and the most allowed; absent, no bound (the
       * decider cannot count them itself: a retry's attempt number also counts automatic ones).
       */
      readonly data: {
        readonly dueAt: string;
        readonly requestedBy: string;
        readonly comment?: string | null;
        readonly manualRetries?: { readonly before: number; readonly max: number };
      };
    };

export type JobCommandType = JobCommand['type'];
