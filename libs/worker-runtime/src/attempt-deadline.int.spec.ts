import { publishWorkItem } from '@jetjobs/event-store';
import { isTerminalEvent, openTestEventStore, submitTestJob, waitForJobEvent, type TestEventStore } from '@jetjobs/testing';
import { AttemptFailure, startWorker, type Worker } from './index';

describe('attempt deadline', () => {
  let ctx: TestEventStore;
  let worker: Worker | null = null;
  const logged: unknown[] = [];
  let ignoreAbort = false;

  beforeAll(async () => {
    ctx = await openTestEventStore('deadline');
    worker = await startWorker({
      store: ctx.store,
      kind: 'echo',
      ackWaitMs: 1_000, // heartbeats every ~330 ms keep the item alive: only the deadline ends it
      attemptDeadlineMs: 1_500,
      handler: ({ signal }) =>
        new Promise((_, reject) => {
          if (!ignoreAbort) signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        }),
      onError: (error) => logged.push(error),
    });
  });
  afterAll(async () => {
    await worker?.stop(1_000);
    await ctx.dispose();
  });

  async function runToEnd() {
    const job = await submitTestJob(ctx.store, { input: {} });
    await publishWorkItem(ctx.store.js, ctx.names, { jobId: job.jobId, kind: job.kind, attempt: 1 });
    return { jobId: job.jobId, events: await waitForJobEvent(ctx.store, job.jobId, isTerminalEvent) };
  }

  it('aborts a heartbeating attempt at its deadline and fails the job for good, logging it with the job id', async () => {
    const { jobId, events } = await runToEnd();
    expect(events.at(-1)).toMatchObject({
      type: 'JobFailed',
      data: { error: { code: 'attempt_deadline_exceeded', message: "The job ran past this service's limit of 2 s per attempt" } },
    });
    expect(logged.some((e) => e instanceof AttemptFailure && e.jobId === jobId && e.code === 'attempt_deadline_exceeded')).toBe(true);
  });

  it('records the failure even when the handler ignores the abort', async () => {
    ignoreAbort = true;
    const { events } = await runToEnd();
    expect(events.at(-1)).toMatchObject({ type: 'JobFailed', data: { error: { code: 'attempt_deadline_exceeded' } } });
  });
});
