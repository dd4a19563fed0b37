import { names as namesFor } from '@jetjobs/contracts';
import { connectNats, EventStore, publishWorkItem } from '@jetjobs/event-store';
import { eventually, isTerminalEvent, NatsServerProcess, submitTestJob, testNamespace, waitForJobEvent } from '@jetjobs/testing';
import { startWorker, type Worker } from './index';

/**
 * A partial result whose append is lost (the stream's server hangs while it is sent) must not let
 * the attempt complete without it: the attempt fails and the retry policy runs the job again.
 */
describe('a partial result the event store did not take', () => {
  let server: NatsServerProcess;
  let store: EventStore;
  let worker: Worker | null = null;
  let firstOutputAdded: () => void = () => undefined;
  let serverFrozen: Promise<void> = Promise.resolve();
  const reportFailures: unknown[] = [];

  beforeAll(async () => {
    server = await NatsServerProcess.start('listen: 127.0.0.1:{{port}}\njetstream { store_dir: "{{dir}}/jetstream" }');
    store = await EventStore.open(await connectNats(server.url(), 'lost-output-test'), namesFor(testNamespace('lostout')));
    await store.setup();
    worker = await startWorker({
      store,
      kind: 'echo',
      ackWaitMs: 30_000,
      onError: (error) => reportFailures.push(error),
      handler: async (context) => {
        await context.output({ part: 1 });
        firstOutputAdded();
        await serverFrozen;
        await context.output({ part: 2 });
        return { parts: 2 };
      },
    });
  });
  afterAll(async () => {
    server?.resume();
    await worker?.stop(1_000);
    await store?.nc.close();
    await server?.stop();
  });

  it('fails the attempt instead of completing it with a part missing', async () => {
    const job = await submitTestJob(store, { input: {} });
    const firstAdded = new Promise<void>((resolve) => (firstOutputAdded = resolve));
    let thaw: () => void = () => undefined;
    serverFrozen = new Promise<void>((resolve) => (thaw = resolve));
    await publishWorkItem(store.js, store.names, { jobId: job.jobId, kind: job.kind, attempt: 1 });
    await firstAdded;
    // The second part is sent to a server that answers nothing for longer than a publish waits.
    server.pause();
    thaw();
    // Frozen until the worker has seen the append of the second part fail (its publish timed out).
    await eventually(async () => (reportFailures.length > 0 ? true : undefined), 30_000, 100);
    server.resume();
    const events = await waitForJobEvent(store, job.jobId, (event) => isTerminalEvent(event) || event.type === 'JobAttemptFailed', 60_000);
    // The second part may have been stored with its answer lost: the attempt cannot know, so it
    // must not complete as if it had been.
    expect(events.some((event) => event.type === 'JobCompleted')).toBe(false);
    expect(events.at(-1)).toMatchObject({
      type: 'JobAttemptFailed',
      data: { attempt: 1, error: { code: 'worker_output_lost', message: 'A partial result could not be recorded (the event store did not answer); the job will be tried again' } },
    });
  }, 120_000);
});
