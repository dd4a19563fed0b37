import type { DataSource } from 'typeorm';
import { checkpointLag, type EventStore } from '@jetjobs/event-store';
import { readProjectionCheckpoints, readShadowCheckpoint } from '@jetjobs/persistence';
import { JOBS_PROJECTION } from './rebuild-projection';

export interface ProjectionStatus {
  readonly streamLastSeq: number;
  readonly projections: readonly {
    readonly name: string;
    readonly checkpoint: number;
    /** Stream sequences after the checkpoint: how far the projection trails the stream. */
    readonly lag: number;
    readonly updatedAt: string;
  }[];
  /** The projector's durable consumer, when it exists. */
  readonly projector: { readonly pending: number; readonly ackPending: number; readonly redelivered: number } | null;
  /** Where an unfinished rebuild stopped, or null when none is under way. */
  readonly rebuild: { readonly checkpoint: number } | null;
  /** Rows in the live tables; null when they cannot be counted (a table is missing). */
  readonly rows: { readonly jobs: number; readonly jobEvents: number } | null;
}

/** Each projection's checkpoint next to the stream's end, and any rebuild left unfinished. */
export async function projectionStatus(store: EventStore, live: DataSource): Promise<ProjectionStatus> {
  const { state } = await store.jsm.streams.info(store.names.jobsStream);
  const checkpoints = await readProjectionCheckpoints(live);
  const consumer = await store.jsm.consumers.info(store.names.jobsStream, store.names.projectorConsumer).catch(() => null);
  const shadow = await readShadowCheckpoint(live, JOBS_PROJECTION);
  // A table dropped by accident must not hide the checkpoints: the counts are then unknown.
  const counted = (await live
    .query(`SELECT (SELECT count(*) FROM jobs)::int AS jobs, (SELECT count(*) FROM job_events)::int AS "jobEvents"`)
    .catch(() => [])) as { jobs: number; jobEvents: number }[];
  return {
    streamLastSeq: state.last_seq,
    projections: checkpoints.map(({ name, lastSeq, updatedAt }) => ({
      name,
      checkpoint: lastSeq,
      lag: checkpointLag(state.last_seq, lastSeq),
      updatedAt: updatedAt.toISOString(),
    })),
    projector: consumer && { pending: consumer.num_pending, ackPending: consumer.num_ack_pending, redelivered: consumer.num_redelivered },
    rebuild: shadow === null ? null : { checkpoint: shadow },
    rows: counted[0] ?? null,
  };
}
