import { isTerminal, type StoredEvent } from '@jetjobs/contracts';
import { decodeEvent, type EventStore } from '@jetjobs/event-store';
import { fold, isAbsent } from '@jetjobs/job-domain';

/** The JOBS stream as it stands: every event in sequence order, and each job's events. */
export interface StreamSnapshot {
  readonly lastSeq: number;
  readonly events: readonly StoredEvent[];
  readonly byJob: ReadonlyMap<string, readonly StoredEvent[]>;
}

/** Reads the whole stream (the suite's streams are small) through an ordered consumer. */
export async function readStream(store: EventStore): Promise<StreamSnapshot> {
  const { state } = await store.jsm.streams.info(store.names.jobsStream);
  const events: StoredEvent[] = [];
  if (state.messages > 0) {
    for await (const message of store.replayMessages({ fromSeq: 1 })) {
      events.push(decodeEvent(message));
      if (message.seq >= state.last_seq) break;
    }
  }
  const byJob = new Map<string, StoredEvent[]>();
  for (const stored of events) {
    const id = stored.event.metadata.jobId;
    byJob.set(id, [...(byJob.get(id) ?? []), stored]);
  }
  return { lastSeq: state.last_seq, events, byJob };
}

/** Jobs the stream knows that have not reached a terminal state: the work in flight. */
export function unfinishedJobs(snapshot: StreamSnapshot): number {
  let unfinished = 0;
  for (const stored of snapshot.byJob.values()) {
    const state = fold(stored.map((s) => s.event));
    if (!isAbsent(state) && !isTerminal(state.status)) unfinished += 1;
  }
  return unfinished;
}
