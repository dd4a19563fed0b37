import { randomUUID } from 'node:crypto';
import { openTestEventStore, submitTestJob, type TestEventStore } from '@jetjobs/testing';
import { fold } from '@jetjobs/job-domain';
import { EventStore, executeCommand } from './index';

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
});
