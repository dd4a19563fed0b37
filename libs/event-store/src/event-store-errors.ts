import { CodedError } from '@jetjobs/contracts';

/** JetStream's "wrong last sequence": another writer appended to the job first. */
export const WRONG_LAST_SEQUENCE = 10071;

/**
 * An optimistic append lost the race. The caller reloads the job, decides again and retries.
 */
export class AppendConflictError extends CodedError {
  constructor(
    readonly jobId: string,
    readonly expectedSeq: number,
  ) {
    super('conflict', `Job ${jobId} changed concurrently (expected last sequence ${expectedSeq})`);
    this.name = 'AppendConflictError';
  }
}
