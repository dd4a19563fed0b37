import type { JobEvent } from '@jetjobs/contracts';
import { publishWorkItem } from '@jetjobs/event-store';
import { openTestEventStore, submitTestJob, waitForJobEvent, type TestEventStore } from '@jetjobs/testing';
import { AttemptFailure, startWorker, type Worker } from '@jetjobs/worker-runtime';
import { startMockJsonServer, type MockAnswer, type MockJsonServer } from '../../testing/mock-json-server';
import type { FrameClassifier } from '../frame-classifier';
import { createOpenAiClassifier } from './openai-classifier';
import { RateLimiter } from './rate-limiter';

/** What an upstream error body may hold that no client should ever read. */
const SECRET = 'sk-live-7f3a9c internal-db-2.models.svc password=hunter2';

describe('moderation model service failures as the client reads them (mock on 127.0.0.1, real NATS)', () => {
  let ctx: TestEventStore;
  let worker: Worker;
  let server: MockJsonServer;
  let classifier: FrameClassifier;
  let answer: MockAnswer = 'hang';
  const logged: unknown[] = [];

  beforeAll(async () => {
    server = await startMockJsonServer(() => answer);
    classifier = createOpenAiClassifier({
      baseUrl: `${server.url}/v1`, model: 'omni-moderation-latest', imagesPerRequest: 1, concurrency: 1,
      limiter: new RateLimiter(60_000), timeoutMs: 2_000, retries: 0,
    });
    ctx = await openTestEventStore('modupstream');
    worker = await startWorker({
      store: ctx.store,
      kind: 'moderation',
      ackWaitMs: 5_000,
      handler: async ({ signal }) => ({ scores: await classifier.classify([Buffer.from('frame')], signal) }),
      onError: (error) => logged.push(error),
    });
  });
  afterAll(async () => {
    await worker?.stop(1_000);
    await ctx?.dispose();
    await server?.close();
  });

  async function failureOf(status: number): Promise<{ error: { code: string; message: string }; log: string }> {
    answer = { status, body: { error: { message: SECRET } } };
    const job = await submitTestJob(ctx.store, { kind: 'moderation', input: {} });
    await publishWorkItem(ctx.store.js, ctx.names, { jobId: job.jobId, kind: job.kind, attempt: 1 });
    const events: JobEvent[] = await waitForJobEvent(ctx.store, job.jobId, (e) => e.type === 'JobAttemptFailed' || e.type === 'JobFailed');
    const logEntry = logged.find((e): e is AttemptFailure => e instanceof AttemptFailure && e.jobId === job.jobId);
    return { error: (events.at(-1)?.data as { error: { code: string; message: string } }).error, log: logEntry?.message ?? '' };
  }

  it('tells the client the status of a failing service, and logs its host and answer with the job id', async () => {
    const { error, log } = await failureOf(500);
    expect(error).toEqual({ code: 'moderation_backend_unavailable', message: 'The moderation model service answered HTTP 500; a later attempt may succeed' });
    expect(log).toContain(SECRET);
    expect(log).toContain(new URL(server.url).host);
  });

  it('keeps a refusal\'s answer from the client too', async () => {
    const { error, log } = await failureOf(400);
    expect(error.code).toBe('moderation_backend_rejected');
    expect(error.message).not.toContain(new URL(server.url).host);
    expect(error.message).not.toContain('hunter2');
    expect(error.message).toBe('The moderation model service refused the frames (HTTP 400)');
    expect(log).toContain(SECRET);
  });
});
