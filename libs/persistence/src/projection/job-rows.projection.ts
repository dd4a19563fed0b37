import type { JobView, StoredEvent } from '@jetjobs/contracts';
import { evolve, initialJobState, isAbsent, type JobState } from '@jetjobs/job-domain';

/** A `jobs` row as written, keyed by column name so that it maps onto the table in one statement. */
export interface JobRowValues {
  readonly id: string;
  readonly project_id: string;
  readonly kind: string;
  readonly status: string;
  readonly version: number;
  readonly attempt: number;
  readonly progress: number;
  readonly created_at: string;
  readonly updated_at: string;
  readonly finished_at: string | null;
  readonly last_seq: number;
  readonly state: JobView;
}

/**
 * The events of a batch that the projection has not applied yet, oldest first. A sequence at or
 * below the checkpoint, or repeated within the batch, was applied already: redelivery is a no-op.
 */
export function eventsAfter(checkpoint: number, batch: readonly StoredEvent[]): StoredEvent[] {
  const fresh: StoredEvent[] = [];
  let last = checkpoint;
  for (const stored of [...batch].sort((a, b) => a.seq - b.seq)) {
    if (stored.seq <= last) continue;
    fresh.push(stored);
    last = stored.seq;
  }
  return fresh;
}

/** The distinct jobs a run of events touches. */
export function jobIdsOf(events: readonly StoredEvent[]): string[] {
  return [...new Set(events.map(({ event }) => event.metadata.jobId))];
}

/**
 * Folds the events, oldest first, into the current state of each job they touch and returns the
 * rows to write, ordered by id. A job whose history starts after its submission (its early
 * events aged out of the stream) stays absent and gets no row.
 */
export function projectJobRows(
  previous: ReadonlyMap<string, JobView>,
  events: readonly StoredEvent[],
): JobRowValues[] {
  const folded = new Map<string, { state: JobState; lastSeq: number }>();
  for (const { seq, event } of events) {
    const id = event.metadata.jobId;
    const current = folded.get(id)?.state ?? previous.get(id) ?? initialJobState();
    folded.set(id, { state: evolve(current, event), lastSeq: seq });
  }
  const rows: JobRowValues[] = [];
  for (const { state, lastSeq } of folded.values()) {
    if (!isAbsent(state)) rows.push(toRow(state, lastSeq));
  }
  return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function toRow(view: JobView, lastSeq: number): JobRowValues {
  return {
    id: view.id,
    project_id: view.projectId,
    kind: view.kind,
    status: view.status,
    version: view.version,
    attempt: view.attempt,
    progress: view.progress,
    created_at: view.createdAt,
    updated_at: view.updatedAt,
    finished_at: view.finishedAt,
    last_seq: lastSeq,
    state: view,
  };
}
