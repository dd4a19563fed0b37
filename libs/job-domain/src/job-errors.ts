import { CodedError } from '@jetjobs/contracts';
import type { JobState } from './job-state';

/** A command that the job's current state does not allow (maps to 409 at the edge). */
export class IllegalTransitionError extends CodedError {
  constructor(
    readonly command: string,
    readonly status: JobState['status'],
    detail?: string,
  ) {
    super('illegal_transition', `Cannot ${describe(command)} a job that is ${status}${detail ? `: ${detail}` : ''}`);
    this.name = 'IllegalTransitionError';
  }
}

/** A worker reporting for an attempt that is no longer the job's current one. */
export class AttemptMismatchError extends CodedError {
  constructor(expected: number, got: number) {
    super('attempt_mismatch', `Attempt ${got} is stale: the job is on attempt ${expected}`);
    this.name = 'AttemptMismatchError';
  }
}

export class JobNotFoundError extends CodedError {
  constructor(jobId: string) {
    super('job_not_found', `No job with id ${jobId}`);
    this.name = 'JobNotFoundError';
  }
}

export class JobAlreadyExistsError extends CodedError {
  constructor(jobId: string) {
    super('job_already_exists', `A job with id ${jobId} already exists`);
    this.name = 'JobAlreadyExistsError';
  }
}

/** `CancelJob` → `cancel`, `ReportProgress` → `report progress`: the verb a person reads. */
function describe(command: string): string {
  return command.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().replace(/ job$/, '');
}
