import { randomUUID } from 'node:crypto';
import { openTestEventStore, submitTestJob, type TestEventStore } from '@jetjobs/testing';
import { AppendConflictError, msgIdFor, encodeEvent } from './index';
import type { JobEvent, StoredEvent } from '@jetjobs/contracts';

describe('event store on JetStream', () => {
  let ctx: TestEventStore;
  beforeAll(async () => {
    ctx = await openTestEventStore('es');
  });
  afterAll(() => ctx.dispose());

  const started = { type: 'JobStarted', data: { attempt: 1, workerId: 'w1' } } as const;

  it('appends with optimistic concurrency and rejects a stale append with the conflict error', async () => {
    const job = await submitTestJob(ctx.store);
    const append = (expectedSeq: number, expectedVersion: number, workerId: string) =>
      ctx.store.append({
        ...job,
        expectedSeq,
        expectedVersion,
        events: [{ type: 'JobStarted', data: { attempt: 1, workerId } }],
        correlationId: 'c',
        causationId: null,
      });

    const [first] = await append(job.lastSeq, 1, 'w1');
    expect(first!.event.metadata.version).toBe(2);
    // Another writer that read the same state: same version, different event.
    await expect(append(job.lastSeq, 1, 'w2')).rejects.toBeInstanceOf(AppendConflictError);
    // A writer with a stale sequence but a new version.
    await expect(append(job.lastSeq, 2, 'w3')).rejects.toMatchObject({ code: 'conflict' });

    const loaded = await ctx.store.load(job.jobId);
    expect(loaded.events.map((e) => e.event.type)).toEqual(['JobSubmitted', 'JobStarted']);
    expect(loaded.lastSeq).toBe(first!.seq);
    expect(loaded.state.status).toBe('processing');
  });

  it('stores a message id once, even when it is published twice', async () => {
    const job = await submitTestJob(ctx.store);
    const event = {
      ...started,
      metadata: { ...baseMetadata(job), version: 2 },
    } as JobEvent;
    const { data, headers } = encodeEvent(event);
    const subject = ctx.names.jobSubject(job.kind, job.jobId);
    const first = await ctx.store.js.publish(subject, data, { headers, msgID: msgIdFor(job.jobId, 2) });
    const second = await ctx.store.js.publish(subject, data, { headers, msgID: msgIdFor(job.jobId, 2) });

    expect(second.duplicate).toBe(true);
    expect(second.seq).toBe(first.seq);
    expect((await ctx.store.load(job.jobId)).events).toHaveLength(2);
  });

  it('treats a retried append of the same event as success, returning the stored event', async () => {
    const job = await submitTestJob(ctx.store);
    const request = { ...job, expectedSeq: job.lastSeq, expectedVersion: 1, events: [started], correlationId: 'c', causationId: null };
    const [first] = await ctx.store.append(request);
    const [retried] = await ctx.store.append(request);
    expect(retried).toEqual(first);
    expect((await ctx.store.load(job.jobId)).events).toHaveLength(2);
  });

  it('replays exactly the stored events in order from a sequence and from a time', async () => {
    const before = await collect(ctx.store.replay());
    const fromSeq = (before.at(-1)?.seq ?? 0) + 1;
    await waitForClockTick();
    const since = new Date();
    const appended: StoredEvent[] = [];
    for (let i = 0; i < 5; i++) {
      const job = await submitTestJob(ctx.store, { input: { i } });
      appended.push(...(await ctx.store.load(job.jobId)).events);
    }

    expect(await collect(ctx.store.replay({ fromSeq }))).toEqual(appended);
    expect(await collect(ctx.store.replay({ since }))).toEqual(appended);
    expect((await collect(ctx.store.replay({ fromSeq: appended[2]!.seq }))).map((e) => e.seq)).toEqual(appended.slice(2).map((e) => e.seq));
  });

  it('returns nothing for a job with no events and for a replay past the end', async () => {
    expect((await ctx.store.load(randomUUID())).state.status).toBe('absent');
    expect(await collect(ctx.store.replay({ fromSeq: 1_000_000 }))).toEqual([]);
  });

  it('follows new events when asked to', async () => {
    const controller = new AbortController();
    const seen: StoredEvent[] = [];
    const fromSeq = ((await collect(ctx.store.replay())).at(-1)?.seq ?? 0) + 1;
    const following = (async () => {
      for await (const stored of ctx.store.replay({ fromSeq, follow: true, signal: controller.signal })) {
        seen.push(stored);
        if (seen.length === 2) controller.abort();
      }
    })();
    await submitTestJob(ctx.store);
    await submitTestJob(ctx.store);
    await following;
    expect(seen.map((s) => s.event.type)).toEqual(['JobSubmitted', 'JobSubmitted']);
  });
});

function baseMetadata(job: { jobId: string; kind: string; projectId: string }) {
  return {
    eventId: randomUUID(),
    jobId: job.jobId,
    kind: job.kind,
    projectId: job.projectId,
    occurredAt: new Date().toISOString(),
    correlationId: 'c',
    causationId: null,
    schemaVersion: 1 as const,
  };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Stream timestamps have sub-millisecond precision; make "since" fall strictly between events. */
async function waitForClockTick(): Promise<void> {
  const start = Date.now();
  while (Date.now() === start) await new Promise((resolve) => setImmediate(resolve));
}
