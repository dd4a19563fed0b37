import { executeCommand, publishWorkItem } from '@jetjobs/event-store';
import { eventually, isTerminalEvent, openTestEventStore, submitTestJob, waitForJobEvent, type TestEventStore } from '@jetjobs/testing';
import { PermanentError, RetryableError, startWorker, type JobContext, type Worker, type WorkItemOutcome } from './index';

describe('worker runtime', () => {
  let ctx: TestEventStore;
  let worker: Worker | null = null;
  const outcomes: WorkItemOutcome[] = [];
  let handler: (context: JobContext) => Promise<unknown> = async () => null;

  beforeAll(async () => {
    ctx = await openTestEventStore('wr');
    worker = await startWorker({
      store: ctx.store,
      kind: 'echo',
      concurrency: 2,
      ackWaitMs: 2_000,
      handler: (context) => handler(context),
      onOutcome: (outcome) => outcomes.push(outcome),
    });
  });
  afterAll(async () => {
    await worker?.stop(1_000);
    await ctx.dispose();
  });

  async function dispatch(input: unknown = {}) {
    const job = await submitTestJob(ctx.store, { input });
    await publishWorkItem(ctx.store.js, ctx.names, { jobId: job.jobId, kind: job.kind, attempt: 1 });
    return job;
  }

  it('starts the job, records progress, logs and partial outputs in order, then the result', async () => {
    handler = async ({ job, progress, log, output }) => {
      await log('starting');
      void progress(50, 'half way', { framesCompleted: 5, frameCount: 10 });
      void output({ clip: 1 });
      return { echoed: job.input };
    };
    const job = await dispatch({ hello: 'world' });
    const events = await waitForJobEvent(ctx.store, job.jobId, isTerminalEvent);

    expect(events.map((e) => e.type)).toEqual(['JobSubmitted', 'JobStarted', 'JobLogged', 'JobProgressed', 'JobOutputAdded', 'JobCompleted']);
    expect(events[3]!.data).toMatchObject({ progress: 50, detail: 'half way', framesCompleted: 5, frameCount: 10, attempt: 1 });
    expect(events[5]!.data).toEqual({ attempt: 1, result: { echoed: { hello: 'world' } } });
    expect(events.map((e) => e.metadata.version)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('fires the abort signal when the job is cancelled, and records the cancellation', async () => {
    let aborted = false;
    handler = async ({ signal, progress }) => {
      await progress(10, 'waiting to be cancelled');
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      aborted = true;
      throw signal.reason;
    };
    const job = await dispatch();
    await waitForJobEvent(ctx.store, job.jobId, (e) => e.type === 'JobProgressed');
    await executeCommand(ctx.store, { jobId: job.jobId }, { type: 'RequestCancel', data: { reason: 'changed my mind' } }, { correlationId: 'c', causationId: null });

    const events = await waitForJobEvent(ctx.store, job.jobId, isTerminalEvent);
    expect(aborted).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'JobCancelled', data: { reason: 'changed my mind' } });
  });

  it('fails the job with the reason on a permanent error', async () => {
    handler = async () => {
      throw new PermanentError('the video has no audio track', 'no_audio');
    };
    const job = await dispatch();
    const events = await waitForJobEvent(ctx.store, job.jobId, isTerminalEvent);
    expect(events.at(-1)).toMatchObject({ type: 'JobFailed', data: { attempt: 1, error: { code: 'no_audio', message: 'the video has no audio track' } } });
  });

  it('records a retryable error as a failed attempt, leaving the retry to the policy', async () => {
    handler = async () => {
      throw new RetryableError('model endpoint timed out', 'upstream_timeout');
    };
    const job = await dispatch();
    const events = await waitForJobEvent(ctx.store, job.jobId, (e) => e.type === 'JobAttemptFailed');
    expect(events.at(-1)!.data).toEqual({ attempt: 1, error: { code: 'upstream_timeout', message: 'model endpoint timed out' } });
    expect((await ctx.store.load(job.jobId)).state).toMatchObject({ status: 'processing', attemptFailed: true });
  });

  it('skips a work item whose job is already cancelled, without calling the handler', async () => {
    let called = false;
    handler = async () => {
      called = true;
    };
    const job = await submitTestJob(ctx.store);
    await executeCommand(ctx.store, { jobId: job.jobId }, { type: 'RequestCancel', data: { reason: null } }, { correlationId: 'c', causationId: null });
    await publishWorkItem(ctx.store.js, ctx.names, { jobId: job.jobId, kind: job.kind, attempt: 1 });

    const skipped = await waitForOutcome(job.jobId);
    expect(skipped.action).toBe('skipped');
    expect(called).toBe(false);
    expect((await ctx.store.load(job.jobId)).events.map((e) => e.event.type)).toEqual(['JobSubmitted', 'JobCancelled']);
  });

  async function waitForOutcome(jobId: string): Promise<WorkItemOutcome> {
    return eventually(async () => outcomes.find((o) => o.jobId === jobId));
  }
});
