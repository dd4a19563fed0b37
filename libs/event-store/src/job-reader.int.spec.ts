import { randomUUID } from 'node:crypto';
import { openTestEventStore, submitTestJob, type TestEventStore } from '@jetjobs/testing';
import { fold } from '@jetjobs/job-domain';
import { EventStore, executeCommand, JobReader } from './index';

describe('JobReader: current reads without a consumer per read', () => {
  let writer: TestEventStore;
  let reader: EventStore;
  beforeAll(async () => {
    writer = await openTestEventStore('rd');
    reader = await EventStore.open(writer.nc, writer.names); // its own cache, as another replica has
  });
  afterAll(() => writer.dispose());

  const progress = (jobId: string, n: number) =>
    executeCommand(writer.store, { jobId }, {
      type: 'ReportProgress',
      data: { attempt: 1, progress: n, detail: `p${n}`, framesCompleted: null, frameCount: null },
    }, { correlationId: 'c', causationId: null });

  it('answers absent for an unknown job', async () => {
    expect(await reader.load(randomUUID())).toEqual({ state: { status: 'absent', version: 0 }, lastSeq: 0, events: [] });
  });

  it('catches a cached fold up with the events another writer appended since', async () => {
    const job = await submitTestJob(writer.store, { more: [{ type: 'JobStarted', data: { attempt: 1, workerId: 'w' } }] });
    const first = await reader.load(job.jobId);
    expect(first.state.version).toBe(2);
    for (const n of [10, 20, 30]) await progress(job.jobId, n);

    const later = await reader.load(job.jobId);
    const truth = await writer.store.load(job.jobId);
    expect(later.state).toEqual(fold(truth.events.map((e) => e.event)));
    expect(later.events.map((e) => e.seq)).toEqual(truth.events.map((e) => e.seq));
    expect(later.lastSeq).toBe(truth.lastSeq);
    expect(later.state).toMatchObject({ version: 5, progress: 30 });
  });

  it('reads a long history whole, the same as a full replay', async () => {
    const job = await submitTestJob(writer.store, { more: [{ type: 'JobStarted', data: { attempt: 1, workerId: 'w' } }] });
    for (let n = 1; n <= 80; n++) await progress(job.jobId, n);
    const loaded = await reader.load(job.jobId);
    const replayed = [];
    for await (const stored of writer.store.replay({ subject: writer.names.jobSubjectAnyKind(job.jobId) })) replayed.push(stored);
    expect(loaded.events).toEqual(replayed);
    expect(loaded.state.version).toBe(82);
  });

  it('keeps jobs within its byte budget, the least recently read leaving first, and none larger than it', async () => {
    const budget = 4_000;
    const small = new JobReader(writer.store.js, writer.store.jsm, writer.names, 100, budget);
    const jobs = [];
    for (let i = 0; i < 6; i++) jobs.push(await submitTestJob(writer.store, { input: { note: 'x'.repeat(900) } }));
    for (const job of jobs) {
      await small.load(job.jobId);
      expect(small.kept.bytes).toBeLessThanOrEqual(budget);
    }
    expect(small.kept.jobs).toBeGreaterThan(1);
    expect(small.kept.jobs).toBeLessThan(6);

    const large = await submitTestJob(writer.store, { input: { note: 'x'.repeat(2 * budget) } });
    const before = small.kept;
    const loaded = await small.load(large.jobId);
    expect(loaded.state).toMatchObject({ version: 1, input: { note: 'x'.repeat(2 * budget) } });
    expect(small.kept).toEqual(before);
  });
});
