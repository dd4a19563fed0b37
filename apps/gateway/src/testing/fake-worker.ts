import { randomUUID } from 'node:crypto';
import type { EventStore } from '@jetjobs/event-store';
import { executeCommand } from '@jetjobs/event-store';
import type { JobCommand } from '@jetjobs/job-domain';

/**
 * Plays the worker of one job through the real decider and event store (load → decide → append),
 * so a test sees exactly the events a worker would write. Attempt 1 throughout.
 */
export function fakeWorker(store: EventStore, jobId: string) {
  const run = (command: JobCommand) => executeCommand(store, { jobId }, command, { correlationId: randomUUID(), causationId: null });
  const attempt = 1;
  return {
    start: () => run({ type: 'StartJob', data: { workerId: 'test-worker' } }),
    progress: (progress: number) =>
      run({ type: 'ReportProgress', data: { attempt, progress, detail: `at ${progress}`, framesCompleted: progress, frameCount: 100 } }),
    log: (line: string) => run({ type: 'AppendLog', data: { attempt, level: 'info', line } }),
    output: (output: unknown) => run({ type: 'AddOutput', data: { attempt, output } }),
    complete: (result: unknown) => run({ type: 'CompleteJob', data: { attempt, result } }),
    fail: (message: string) => run({ type: 'FailJob', data: { error: { code: 'worker_error', message } } }),
    cancel: (reason: string) => run({ type: 'RequestCancel', data: { reason } }),
  };
}
