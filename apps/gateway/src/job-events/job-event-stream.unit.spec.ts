import { randomUUID } from 'node:crypto';
import type { JobEvent, JobEventBody, JobView } from '@jetjobs/contracts';
import { eventually } from '@jetjobs/testing';
import { fold } from '@jetjobs/job-domain';
import type { LiveEventListener } from '../live-events/live-event-hub';
import { JobEventStream, type EventSink, type JobEventSource } from './job-event-stream';

// The ordering rules of one SSE connection, with in-memory stand-ins for the registry, the hub and
// the response: what was written, in which order, and when the stream ended.
const jobId = randomUUID();
const bodies: JobEventBody[] = [
  { type: 'JobSubmitted', data: { input: {}, webhookUrl: null } },
  { type: 'JobStarted', data: { attempt: 1, workerId: 'w' } },
  { type: 'JobProgressed', data: { attempt: 1, progress: 10, detail: null, framesCompleted: null, frameCount: null } },
  { type: 'JobProgressed', data: { attempt: 1, progress: 50, detail: null, framesCompleted: null, frameCount: null } },
  { type: 'JobProgressed', data: { attempt: 1, progress: 90, detail: null, framesCompleted: null, frameCount: null } },
  { type: 'JobCompleted', data: { attempt: 1, result: 'ok' } },
];
const all: JobEvent[] = bodies.map(
  (body, i) =>
    ({
      ...body,
      metadata: {
        eventId: randomUUID(), jobId, kind: 'echo', projectId: 'p', version: i + 1,
        occurredAt: new Date(Date.UTC(2030, 0, 1, 0, 0, i)).toISOString(), correlationId: jobId, causationId: null, schemaVersion: 1,
      },
    }) as JobEvent,
);

/** The registry sees the first `visible` events of the job. */
class MemorySource implements JobEventSource {
  calls = 0;
  constructor(public visible: number) {}
  async eventsAfter(afterVersion: number) {
    this.calls += 1;
    const known = all.slice(0, this.visible);
    return { job: fold(known) as JobView, events: known.filter((e) => e.metadata.version > afterVersion) };
  }
  async latest() {
    return null;
  }
}

class MemorySink implements EventSink {
  readonly written: number[] = [];
  opened = false;
  ended = false;
  open() {
    this.opened = true;
  }
  event(id: number) {
    this.written.push(id);
  }
  onClose = (): void => undefined;
  end() {
    this.ended = true;
  }
}

function connect(source: MemorySource, afterVersion = 0) {
  const sink = new MemorySink();
  const stream = new JobEventStream(sink, source, afterVersion);
  let listener: LiveEventListener | null = null;
  stream.listen((l) => {
    listener = l;
    return () => (listener = null);
  });
  const push = (...versions: number[]) => versions.forEach((v) => listener?.(all[v - 1]!));
  return { sink, stream, push, subscribed: () => listener !== null };
}

describe('JobEventStream', () => {
  it('writes live events that arrived while the history was read once, after the history', async () => {
    const source = new MemorySource(3);
    const { sink, stream, push } = connect(source);
    const snapshot = await source.eventsAfter(0);
    push(3, 4); // 3 is also in the history, 4 is not
    await stream.start(snapshot, 60_000);
    push(4, 5);
    await eventually(async () => (sink.written.length === 5 ? true : undefined), 2_000);
    expect(sink.written).toEqual([1, 2, 3, 4, 5]);
    expect(sink.ended).toBe(false);
  });

  it('fetches the versions a live event skips before writing it', async () => {
    const source = new MemorySource(2);
    const { sink, stream, push } = connect(source);
    await stream.start(await source.eventsAfter(0), 60_000);
    source.visible = 5;
    push(5);
    await eventually(async () => (sink.written.length === 5 ? true : undefined), 2_000);
    expect(sink.written).toEqual([1, 2, 3, 4, 5]);
  });

  it('asks again while the registry has not caught up', async () => {
    const source = new MemorySource(2);
    const { sink, stream, push } = connect(source);
    await stream.start(await source.eventsAfter(0), 60_000);
    push(4);
    await eventually(async () => (source.calls >= 3 ? true : undefined), 2_000);
    source.visible = 4;
    await eventually(async () => (sink.written.length === 4 ? true : undefined), 2_000);
    expect(sink.written).toEqual([1, 2, 3, 4]);
    expect(sink.ended).toBe(false);
  });

  it('ends the stream when the registry never catches up, for the client to resume', async () => {
    const source = new MemorySource(2);
    const { sink, stream, push, subscribed } = connect(source);
    await stream.start(await source.eventsAfter(0), 60_000);
    push(4);
    await eventually(async () => (sink.ended ? true : undefined), 5_000);
    expect(sink.written).toEqual([1, 2]);
    expect(source.calls).toBeGreaterThan(2);
    expect(subscribed()).toBe(false);
  });

  it('ends right after a live terminal event and stops listening', async () => {
    const source = new MemorySource(5);
    const { sink, stream, push, subscribed } = connect(source, 3);
    await stream.start(await source.eventsAfter(3), 60_000);
    push(6);
    await eventually(async () => (sink.ended ? true : undefined), 2_000);
    expect(sink.written).toEqual([4, 5, 6]);
    expect(subscribed()).toBe(false);
  });

  it('ends at once for a finished job whose terminal event the client already has', async () => {
    const source = new MemorySource(6);
    const { sink, stream, subscribed } = connect(source, 6);
    await stream.start(await source.eventsAfter(6), 60_000);
    expect(sink).toMatchObject({ opened: true, ended: true, written: [] });
    expect(subscribed()).toBe(false);
  });
});
