import type { JobEventBody, JobView } from '@jetjobs/contracts';
import { isTerminal } from '@jetjobs/contracts';
import type { JobCommand } from './job-commands';
import { isAbsent, type JobState } from './job-state';
import { AttemptMismatchError, IllegalTransitionError, JobAlreadyExistsError } from './job-errors';

/**
 * The only place that knows which transitions are legal. Returns the events a command produces
 * (possibly none, when the command is already satisfied) or throws a coded error.
 */
export function decide(command: JobCommand, state: JobState): JobEventBody[] {
  if (command.type === 'SubmitJob') {
    if (!isAbsent(state)) throw new JobAlreadyExistsError(state.id);
    return [{ type: 'JobSubmitted', data: { input: command.data.input, webhookUrl: command.data.webhookUrl } }];
  }
  if (isAbsent(state)) throw new IllegalTransitionError(command.type, 'absent');
  switch (command.type) {
    case 'StartJob':
      return start(command, state);
    case 'ReportProgress':
      requireRunningAttempt(command, state);
      return [{ type: 'JobProgressed', data: command.data }];
    case 'AppendLog':
      requireRunningAttempt(command, state);
      return [{ type: 'JobLogged', data: command.data }];
    case 'AddOutput':
      requireRunningAttempt(command, state);
      return [{ type: 'JobOutputAdded', data: command.data }];
    case 'CompleteJob':
      requireRunningAttempt(command, state);
      return [{ type: 'JobCompleted', data: command.data }];
    case 'FailAttempt':
      requireRunningAttempt(command, state);
      return [{ type: 'JobAttemptFailed', data: command.data }];
    case 'ScheduleRetry':
      return scheduleRetry(command, state);
    case 'FailJob':
      return failJob(command, state);
    case 'RequestCancel':
      return requestCancel(command, state);
    case 'ConfirmCancel':
      return confirmCancel(command, state);
    case 'RetryJob':
      return retryJob(command, state);
    default:
      return assertNever(command);
  }
}

type CommandOf<T extends JobCommand['type']> = Extract<JobCommand, { type: T }>;

function start(command: CommandOf<'StartJob'>, job: JobView): JobEventBody[] {
  if (job.status !== 'queued' || job.cancelRequested) throw new IllegalTransitionError(command.type, job.status);
  return [{ type: 'JobStarted', data: { attempt: job.attempt, workerId: command.data.workerId } }];
}

/** Worker reports are legal only while their own attempt runs and has not already failed. */
function requireRunningAttempt(command: JobCommand & { data: { attempt: number } }, job: JobView): void {
  if (job.status !== 'processing') throw new IllegalTransitionError(command.type, job.status);
  if (command.data.attempt !== job.attempt) throw new AttemptMismatchError(job.attempt, command.data.attempt);
  if (job.attemptFailed) throw new IllegalTransitionError(command.type, job.status, `attempt ${job.attempt} already failed`);
}

function scheduleRetry(command: CommandOf<'ScheduleRetry'>, job: JobView): JobEventBody[] {
  if (job.status !== 'processing' || !job.attemptFailed) {
    throw new IllegalTransitionError(command.type, job.status, 'only a failed attempt can be retried automatically');
  }
  // A cancel requested while the attempt was failing wins: a retry would silently drop it.
  if (job.cancelRequested) return [{ type: 'JobCancelled', data: { reason: job.cancelReason } }];
  return [
    { type: 'JobRetryScheduled', data: { attempt: job.attempt + 1, dueAt: command.data.dueAt, reason: 'automatic', requestedBy: null } },
  ];
}

function failJob(command: CommandOf<'FailJob'>, job: JobView): JobEventBody[] {
  if (isTerminal(job.status)) throw new IllegalTransitionError(command.type, job.status);
  return [{ type: 'JobFailed', data: { attempt: job.attempt, error: command.data.error } }];
}

/** A queued job, or one between attempts, has no worker to tell: it is cancelled at once. */
function requestCancel(command: CommandOf<'RequestCancel'>, job: JobView): JobEventBody[] {
  if (isTerminal(job.status)) throw new IllegalTransitionError('CancelJob', job.status);
  if (job.status === 'queued' || job.attemptFailed) return [{ type: 'JobCancelled', data: { reason: command.data.reason } }];
  if (job.cancelRequested) return [];
  return [{ type: 'JobCancelRequested', data: { reason: command.data.reason } }];
}

function confirmCancel(command: CommandOf<'ConfirmCancel'>, job: JobView): JobEventBody[] {
  if (job.status !== 'processing' || !job.cancelRequested) throw new IllegalTransitionError(command.type, job.status);
  if (command.data.attempt !== job.attempt) throw new AttemptMismatchError(job.attempt, command.data.attempt);
  return [{ type: 'JobCancelled', data: { reason: job.cancelReason } }];
}

function retryJob(command: CommandOf<'RetryJob'>, job: JobView): JobEventBody[] {
  if (job.status !== 'failed' && job.status !== 'cancelled') {
    throw new IllegalTransitionError(command.type, job.status, 'only a failed or cancelled job can be retried');
  }
  const bound = command.data.manualRetries;
  if (bound && bound.before >= bound.max) {
    throw new IllegalTransitionError(command.type, job.status, `it was retried ${bound.before} times already, the most allowed: submit it again as a new job`);
  }
  return [
    {
      type: 'JobRetryScheduled',
      data: {
        attempt: job.attempt + 1,
        dueAt: command.data.dueAt,
        reason: 'manual',
        requestedBy: command.data.requestedBy,
        // Left out when absent, so events of callers that give none keep their old shape.
        ...(command.data.comment ? { comment: command.data.comment } : {}),
      },
    },
  ];
}

function assertNever(value: never): never {
  throw new Error(`Unhandled command: ${JSON.stringify(value)}`);
}
