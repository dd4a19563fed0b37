import { EventStore, executeCommand, type JobSnapshot } from '@jetjobs/event-store';
import type { JobCommand } from '@jetjobs/job-domain';

/**
 * One worker's view of one job while it runs an attempt. Appends go one at a time in call order
 * (a handler may fire progress without awaiting it) and start from the last known snapshot, so
 * a busy job costs one publish per event; only a conflict makes the session reload.
 */
export class JobSession {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly jobId: string,
    private snapshot: JobSnapshot,
    private readonly correlationId: string,
  ) {}

  get state(): JobSnapshot['state'] {
    return this.snapshot.state;
  }

  get lastSeq(): number {
    return this.snapshot.lastSeq;
  }

  /** Queues a command after every earlier one; resolves or rejects with its own outcome. */
  execute(command: JobCommand): Promise<void> {
    const run = this.chain.then(() => this.append(command));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Waits until every queued command has been stored (or has failed). */
  settled(): Promise<unknown> {
    return this.chain;
  }

  private async append(command: JobCommand): Promise<void> {
    const result = await executeCommand(this.store, { jobId: this.jobId }, command, {
      correlationId: this.correlationId,
      causationId: null,
    }, this.snapshot);
    this.snapshot = { state: result.state, lastSeq: result.lastSeq };
  }
}
