import type { StoredEvent } from '@jetjobs/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { advanceCheckpoint, lockCheckpoint } from './checkpoint.writer';
import { insertJobEvents } from './job-events.writer';
import { eventsAfter, jobIdsOf, projectJobRows } from './job-rows.projection';
import { loadJobStates, upsertJobRows } from './job-rows.writer';

/** What one batch did to the projection. */
export interface ApplyBatchResult {
  /** Events written: those after the checkpoint. */
  readonly applied: number;
  /** Events at or below the checkpoint (or repeated in the batch), already applied before. */
  readonly skipped: number;
  /** The checkpoint after the batch. */
  readonly lastSeq: number;
}

/**
 * Projects a batch of stream events into `job_events` and `jobs` and advances the projection's
 * checkpoint, all in one transaction: a batch is applied entirely or not at all, and a redelivered
 * event changes nothing (exactly-once effect over at-least-once delivery). Ack the batch only
 * after this resolves.
 *
 * @param projection names the consumer whose position the checkpoint records.
 */
export async function applyEventBatch(
  ds: DataSource,
  projection: string,
  batch: readonly StoredEvent[],
): Promise<ApplyBatchResult> {
  return ds.transaction(async (manager) => {
    const checkpoint = await lockCheckpoint(manager, projection);
    const fresh = eventsAfter(checkpoint, batch);
    const last = fresh.at(-1);
    if (last === undefined) return { applied: 0, skipped: batch.length, lastSeq: checkpoint };
    await writeEvents(manager, projection, fresh, last.seq);
    return { applied: fresh.length, skipped: batch.length - fresh.length, lastSeq: last.seq };
  });
}

/**
 * Writes events not yet applied (oldest first), the rows of the jobs they touch, and the new
 * checkpoint. Call inside the transaction that holds the checkpoint's lock.
 */
export async function writeEvents(manager: EntityManager, projection: string, fresh: readonly StoredEvent[], lastSeq: number): Promise<void> {
  if (fresh.length > 0) {
    await insertJobEvents(manager, fresh);
    const previous = await loadJobStates(manager, jobIdsOf(fresh));
    await upsertJobRows(manager, projectJobRows(previous, fresh));
  }
  await advanceCheckpoint(manager, projection, lastSeq);
}
