import { once } from 'node:events';
import { workItemSchema } from '@jetjobs/contracts';
import { ensureWorkConsumer } from '@jetjobs/event-store';
import { pollUntil, submitJob } from './support/api';
import { KIND, startPlatform, type TestPlatform } from './support/platform';

describe('workers that die', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startPlatform('crash');
  });
  afterAll(() => platform.close());

  it('runs a job again as attempt 2 on another worker after its worker is killed with SIGKILL', async () => {
    const doomed = await platform.spawnWorker('worker-doomed');
    const id = await submitJob(platform, { steps: 50, stepMs: 100 });
    await pollUntil(platform, id, (job) => job.status === 'processing' && job.progress > 0);
    doomed.kill('SIGKILL');
    const survivor = await platform.spawnWorker('worker-survivor');

    const { job } = await pollUntil(platform, id, (j) => j.status === 'completed', 60_000);
    expect(job.attempt).toBe(2);
    const events = (await platform.events.store.load(id)).events.map((e) => e.event);
    const starts = events.filter((e) => e.type === 'JobStarted').map((e) => e.data);
    expect(starts).toEqual([
      { attempt: 1, workerId: 'worker-doomed' },
      { attempt: 2, workerId: 'worker-survivor' },
    ]);
    expect(events.find((e) => e.type === 'JobAttemptFailed')?.data).toMatchObject({ attempt: 1, error: { code: 'worker_lost' } });
    survivor.kill('SIGTERM');
    await once(survivor, 'exit');
  });

  it('fails the job with a reason when its work item keeps dying before any outcome (max deliveries)', async () => {
    // A consumer that takes the item and never answers, as a worker crashing on receipt would.
    const { store, names } = platform.events;
    await ensureWorkConsumer(store.jsm, names, KIND, { ackWaitMs: 2_000, maxDeliver: 3 });
    const consumer = await store.js.consumers.get(names.workStream, names.workConsumer(KIND));
    const id = await submitJob(platform, { steps: 1 });
    // Keep pulling, as live workers do: the server notices the exhausted item on its next try.
    let deliveries = 0;
    const { job } = await pollUntil(platform, id, async (current) => {
      const message = await consumer.next({ expires: 1_000 });
      if (message && workItemSchema.parse(message.json()).jobId === id) deliveries += 1;
      return current.status === 'failed';
    }, 25_000);
    expect(deliveries).toBe(3);
    expect(job.error?.code).toBe('worker_lost');
    expect(job.error?.message).toMatch(/delivered 3 times without an outcome/);
    const work = await store.jsm.streams.info(names.workStream);
    expect(work.state.messages).toBe(0); // the dead item is gone, not stuck
  });
});
