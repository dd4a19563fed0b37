import type { JobEventBody, StoredEvent } from '@jetjobs/contracts';
import type { EventStore } from '@jetjobs/event-store';

/** Appends events to an existing job the way a worker does: after its current last event. */
export async function appendToJob(store: EventStore, jobId: string, events: JobEventBody[]): Promise<StoredEvent[]> {
  const loaded = await store.load(jobId);
  const { state } = loaded;
  if (state.status === 'absent') throw new Error(`no job ${jobId}`);
  return store.append({
    jobId,
    kind: state.kind,
    projectId: state.projectId,
    expectedSeq: loaded.lastSeq,
    expectedVersion: state.version,
    events,
    correlationId: jobId,
    causationId: null,
  });
}

export const started = (attempt = 1): JobEventBody => ({ type: 'JobStarted', data: { attempt, workerId: 'test-worker' } });

export const progressed = (progress: number): JobEventBody => ({
  type: 'JobProgressed',
  data: { attempt: 1, progress, detail: `at ${progress}`, framesCompleted: progress, frameCount: 100 },
});

export const completed = (result: unknown): JobEventBody => ({ type: 'JobCompleted', data: { attempt: 1, result } });
