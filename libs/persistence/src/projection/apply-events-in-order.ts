import type { StoredEvent } from '@jetjobs/contracts';
import type { DataSource } from 'typeorm';
import { writeEvents, type ApplyBatchResult } from './apply-event-batch';
import { lockCheckpoint } from './checkpoint.writer';

/** What a live consumer read: its valid events, and the sequences it could not decode. */
export interface InOrderBatch {
  readonly events: readonly StoredEvent[];
  /** Sequences read that hold no valid event: the checkpoint moves over them, nothing waits for them. */
  readonly skippedSeqs?: readonly number[];
  /** The stream's first sequence: everything before it aged out and will never arrive. */
  readonly streamFirstSeq?: number;
}

export interface InOrderResult extends ApplyBatchResult {
  /** Sequences of the batch behind a gap, not applied: hand them back and apply them later. */
  readonly deferred: number[];
}

/**
 * Applies, in one transaction, only the part of a batch that follows the checkpoint without a
 * gap. A durable consumer redelivers a batch that was never acknowledged (a failed transaction,
 * a crashed replica) after newer events, and replicas commit in any order; since the checkpoint
 * is a high-water mark, applying the newer events first would skip the older ones for good.
 * Events behind a gap are returned as `deferred` for the caller to hand back.
 */
export async function applyEventsInOrder(ds: DataSource, projection: string, batch: InOrderBatch): Promise<InOrderResult> {
  return ds.transaction(async (manager) => {
    const checkpoint = await lockCheckpoint(manager, projection);
    const run = contiguousRun(checkpoint, batch);
    if (run.lastSeq > checkpoint) await writeEvents(manager, projection, run.events, run.lastSeq);
    const deferredEvents = batch.events.filter(({ seq }) => seq > run.lastSeq).length;
    return {
      applied: run.events.length,
      skipped: batch.events.length - run.events.length - deferredEvents,
      lastSeq: run.lastSeq,
      deferred: run.deferred,
    };
  });
}

/** The events from the checkpoint on, up to the first missing sequence, and what lies beyond it. */
export function contiguousRun(checkpoint: number, batch: InOrderBatch): { events: StoredEvent[]; lastSeq: number; deferred: number[] } {
  const bySeq = new Map(batch.events.map((stored) => [stored.seq, stored]));
  let next = Math.max(checkpoint, (batch.streamFirstSeq ?? 1) - 1) + 1;
  const seqs = [...new Set([...bySeq.keys(), ...(batch.skippedSeqs ?? [])])].filter((seq) => seq >= next).sort((a, b) => a - b);
  const events: StoredEvent[] = [];
  for (const seq of seqs) {
    if (seq !== next) break;
    const stored = bySeq.get(seq);
    if (stored) events.push(stored);
    next += 1;
  }
  return { events, lastSeq: next - 1, deferred: seqs.filter((seq) => seq >= next) };
}
