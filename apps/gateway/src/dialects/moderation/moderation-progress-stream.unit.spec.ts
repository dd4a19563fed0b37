import { randomUUID } from 'node:crypto';
import { SCHEMA_VERSION, type JobEvent, type JobEventBody, type JobView } from '@jetjobs/contracts';
import { fold } from '@jetjobs/job-domain';
import type { LiveEventListener } from '../../live-events/live-event-hub';
import { ModerationProgressStream, type ProgressSink } from './moderation-progress-stream';

const JOB_ID = randomUUID();

/** A job's history with versions and times, as the stream would hold it. */
function history(...bodies: JobEventBody[]): JobEvent[] {
  return bodies.map((body, i) => ({
    ...body,
    metadata: {
      eventId: randomUUID(),
      jobId: JOB_ID,
      kind: 'moderation',
      projectId: 'project-a',
      version: i + 1,
      occurredAt: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(),
      correlationId: JOB_ID,
      causationId: null,
      schemaVersion: SCHEMA_VERSION,
    },
  })) as JobEvent[];
}

const submitted: JobEventBody = { type: 'JobSubmitted', data: { input: {}, webhookUrl: null } };
const started: JobEventBody = { type: 'JobStarted', data: { attempt: 1, workerId: 'w' } };
const frames = (done: number, total: number): JobEventBody => ({
  type: 'JobProgressed',
  data: { attempt: 1, progress: Math.round((done / total) * 100), detail: null, framesCompleted: done, frameCount: total },
});
const logged: JobEventBody = { type: 'JobLogged', data: { attempt: 1, level: 'info', line: 'frame 3 classified' } };
const completed: JobEventBody = { type: 'JobCompleted', data: { attempt: 1, result: { is_prohibited: false } } };

/** The SSE response as the stream sees it: what was written, and whether it ended. */
class RecordingSink implements ProgressSink {
  readonly written: Array<[string, unknown]> = [];
  opened = false;
  ended = false;
  open(): void {
    this.opened = true;
  }
  named(type: string, data: unknown): void {
    this.written.push([type, data]);
  }
  onClose(): void {
    // The client never leaves in these tests; leaving is covered end to end.
  }
  end(): void {
    this.ended = true;
  }
}

/** The live hub for one job: the listener the stream registered, and whether it let go. */
function hub() {
  const state = { listener: null as LiveEventListener | null };
  return {
    subscribe: (listener: LiveEventListener) => {
      state.listener = listener;
      return () => (state.listener = null);
    },
    deliver: (events: JobEvent[]) => events.forEach((event) => state.listener?.(event)),
    get listening() {
      return state.listener !== null;
    },
  };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('ModerationProgressStream', () => {
  it('writes connected, then a progress event per visible change, and ends at completion', async () => {
    const events = history(submitted, started, frames(9, 45), logged, frames(27, 45), completed);
    const sink = new RecordingSink();
    const live = hub();
    const stream = new ModerationProgressStream(sink, () => Promise.reject(new Error('no reload expected')));
    stream.listen(live.subscribe);
    stream.start(fold(events.slice(0, 1)) as JobView, 1000);
    live.deliver(events.slice(1));
    await settle();

    expect(sink.written).toEqual([
      ['connected', { job_id: JOB_ID, status: 'queued', progress: 0 }],
      ['progress', { job_id: JOB_ID, status: 'processing', progress: 0 }],
      ['progress', { job_id: JOB_ID, status: 'processing', progress: 20, frames_completed: 9, frame_count: 45 }],
      ['progress', { job_id: JOB_ID, status: 'processing', progress: 60, frames_completed: 27, frame_count: 45 }],
      ['progress', { job_id: JOB_ID, status: 'completed', progress: 100, frames_completed: 27, frame_count: 45 }],
    ]);
    expect(sink.ended).toBe(true);
    expect(live.listening).toBe(false);
  });

  it('applies events that arrived while the job was read, skipping those the snapshot has', async () => {
    const events = history(submitted, started, frames(9, 45), frames(18, 45));
    const sink = new RecordingSink();
    const live = hub();
    const stream = new ModerationProgressStream(sink, () => Promise.reject(new Error('no reload expected')));
    stream.listen(live.subscribe);
    live.deliver(events.slice(1, 3));
    // The snapshot already holds version 3; version 2 and 3 from the hub are old news.
    stream.start(fold(events.slice(0, 3)) as JobView, 1000);
    live.deliver(events.slice(3));
    await settle();
    expect(sink.written.map(([type, data]) => [type, (data as { progress: number }).progress])).toEqual([
      ['connected', 20],
      ['progress', 40],
    ]);
  });

  it('reads the job again when versions are missing, instead of guessing', async () => {
    const events = history(submitted, started, frames(9, 45), frames(36, 45));
    const sink = new RecordingSink();
    const live = hub();
    let reloads = 0;
    const stream = new ModerationProgressStream(sink, async () => {
      reloads++;
      return fold(events) as JobView;
    });
    stream.listen(live.subscribe);
    stream.start(fold(events.slice(0, 1)) as JobView, 1000);
    live.deliver(events.slice(3));
    await settle();
    expect(reloads).toBe(1);
    expect(sink.written.at(-1)).toEqual(['progress', { job_id: JOB_ID, status: 'processing', progress: 80, frames_completed: 36, frame_count: 45 }]);
  });

  it('ends at once for a finished job, and lets go of the hub when stopped early', () => {
    const done = new RecordingSink();
    const live = hub();
    const finished = new ModerationProgressStream(done, () => Promise.reject(new Error('unused')));
    finished.listen(live.subscribe);
    finished.start(fold(history(submitted, started, completed)) as JobView, 1000);
    expect(done.written).toEqual([['connected', { job_id: JOB_ID, status: 'completed', progress: 100 }]]);
    expect([done.ended, live.listening]).toEqual([true, false]);

    const gone = new RecordingSink();
    const other = hub();
    const abandoned = new ModerationProgressStream(gone, () => Promise.reject(new Error('unused')));
    abandoned.listen(other.subscribe);
    abandoned.abandon();
    abandoned.start(fold(history(submitted)) as JobView, 1000);
    expect([gone.opened, gone.written, other.listening]).toEqual([false, [], false]);
  });
});
