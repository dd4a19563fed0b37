import { EVENT_MAX_JSON_DEPTH } from '@jetjobs/contracts';
import { publishWorkItem } from '@jetjobs/event-store';
import { isTerminalEvent, openTestEventStore, submitTestJob, waitForJobEvent, type TestEventStore } from '@jetjobs/testing';
import { startWorker, type Worker } from './index';

/** `{"a":{"a":…}}` nested `depth` levels deep. */
function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let level = 0; level < depth; level++) value = { a: value };
  return value;
}

describe('a result nested deeper than the read model stores', () => {
  let ctx: TestEventStore;
  let worker: Worker | null = null;

  beforeAll(async () => {
    ctx = await openTestEventStore('deep');
    worker = await startWorker({
      store: ctx.store,
      kind: 'echo',
      handler: async (context) => {
        const { depth, as } = context.job.input as { depth: number; as?: 'output' };
        if (as !== 'output') return nested(depth);
        await context.output(nested(depth));
        return { done: true };
      },
    });
  });
  afterAll(async () => {
    await worker?.stop(1_000);
    await ctx.dispose();
  });

  async function run(depth: number, as?: 'output') {
    const job = await submitTestJob(ctx.store, { input: { depth, as } });
    await publishWorkItem(ctx.store.js, ctx.names, { jobId: job.jobId, kind: job.kind, attempt: 1 });
    return waitForJobEvent(ctx.store, job.jobId, isTerminalEvent);
  }

  it('never enters the stream: the job fails at once, saying why, and nothing unstorable is written', async () => {
    const events = await run(EVENT_MAX_JSON_DEPTH + 10);
    expect(events.map((event) => event.type)).toEqual(['JobSubmitted', 'JobStarted', 'JobFailed']);
    expect(events.at(-1)).toMatchObject({
      data: { error: { code: 'output_too_deep', message: `The job's result is nested more than ${EVENT_MAX_JSON_DEPTH} levels deep, more than the platform stores: flatten it` } },
    });
  });

  it('fails the job the same way for a partial result, never completing it', async () => {
    const events = await run(EVENT_MAX_JSON_DEPTH + 10, 'output');
    expect(events.map((event) => event.type)).toEqual(['JobSubmitted', 'JobStarted', 'JobFailed']);
    expect(events.at(-1)).toMatchObject({
      data: { error: { code: 'output_too_deep', message: `The job's output is nested more than ${EVENT_MAX_JSON_DEPTH} levels deep, more than the platform stores: flatten it` } },
    });
  });

  it('stores a result just inside the bound', async () => {
    // The envelope adds three levels (event, data, result) above the result's own.
    const events = await run(EVENT_MAX_JSON_DEPTH - 3);
    expect(events.at(-1)?.type).toBe('JobCompleted');
  });
});
