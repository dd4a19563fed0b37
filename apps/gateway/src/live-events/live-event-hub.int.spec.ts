import type { JobEvent } from '@jetjobs/contracts';
import { eventually, submitTestJob } from '@jetjobs/testing';
import { startTestGateway, type TestGateway } from '../testing/test-gateway';
import { LiveEventHub } from './live-event-hub';

describe('live event hub on JetStream', () => {
  let gw: TestGateway;
  let hub: LiveEventHub;
  beforeAll(async () => {
    gw = await startTestGateway('gwhub');
    hub = gw.app.get(LiveEventHub);
  });
  afterAll(() => gw.close());

  /** Appends JobStarted to a job submitted by submitTestJob (version 2, after JobSubmitted). */
  const start = (job: Awaited<ReturnType<typeof submitTestJob>>, workerId: string) =>
    gw.events.store.append({
      ...job,
      expectedSeq: job.lastSeq,
      expectedVersion: 1,
      events: [{ type: 'JobStarted', data: { attempt: 1, workerId } }],
      correlationId: job.jobId,
      causationId: null,
    });

  it('delivers a job event to that job listeners only, in stream order', async () => {
    const a = await submitTestJob(gw.events.store);
    const b = await submitTestJob(gw.events.store, { kind: 'moderation' });
    const seenA: JobEvent[] = [];
    const seenB: JobEvent[] = [];
    const alsoA: JobEvent[] = [];
    const stops = [hub.subscribe(a.jobId, (e) => seenA.push(e)), hub.subscribe(b.jobId, (e) => seenB.push(e)), hub.subscribe(a.jobId, (e) => alsoA.push(e))];

    await start(a, 'wa');
    await start(b, 'wb');
    // The hub dispatches in stream order, so once b's JobStarted is in, a's has been dispatched too.
    // (Each JobSubmitted may come too: it was stored after the hub started.)
    await eventually(async () => (seenB.some((e) => e.type === 'JobStarted') ? true : undefined), 5_000);

    expect(seenA.every((e) => e.metadata.jobId === a.jobId)).toBe(true);
    expect(seenA.filter((e) => e.type === 'JobStarted').map((e) => e.metadata.version)).toEqual([2]);
    expect(seenA.map((e) => e.metadata.version)).toEqual(seenA.map((e) => e.metadata.version).sort());
    expect(alsoA).toEqual(seenA);
    expect(seenB.every((e) => e.metadata.jobId === b.jobId)).toBe(true);
    // However many listeners, the process reads the stream through one consumer.
    const { state } = await gw.events.store.jsm.streams.info(gw.events.names.jobsStream);
    expect(state.consumer_count).toBe(1);
    stops.forEach((stop) => stop());
  });

  it('stops delivering to a listener once it unsubscribes', async () => {
    const a = await submitTestJob(gw.events.store);
    const b = await submitTestJob(gw.events.store);
    const seenA: JobEvent[] = [];
    const seenB: JobEvent[] = [];
    const watchedBefore = hub.watchedJobs;
    const stopA = hub.subscribe(a.jobId, (e) => seenA.push(e));
    const stopB = hub.subscribe(b.jobId, (e) => seenB.push(e));
    expect(hub.watchedJobs).toBe(watchedBefore + 2);

    stopA();
    expect(hub.watchedJobs).toBe(watchedBefore + 1);
    await start(a, 'wa');
    await start(b, 'wb');
    await eventually(async () => (seenB.some((e) => e.type === 'JobStarted') ? true : undefined), 5_000);
    expect(seenA).toEqual([]);
    stopB();
  });
});

