import type { StoredEvent } from '@jetjobs/contracts';
import type { EntityManager } from 'typeorm';
import { toPgJson } from './pg-json';

// Same single-parameter expansion as the jobs upsert. No ON CONFLICT: two stream events with one
// job version cannot both be real (appends are optimistic on the job's last sequence), so a clash
// means the table and the stream disagree, and the batch must fail rather than hide it.
const INSERT_JOB_EVENTS = `
  INSERT INTO job_events (job_id, version, stream_seq, type, data, metadata, occurred_at)
  SELECT job_id, version, stream_seq, type, data, metadata, occurred_at
  FROM jsonb_to_recordset($1::jsonb) AS r(
    job_id uuid, version integer, stream_seq bigint, type text,
    data jsonb, metadata jsonb, occurred_at timestamptz)`;

/** Appends the events to the history table in one statement. */
export async function insertJobEvents(manager: EntityManager, events: readonly StoredEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map(({ seq, event }) => ({
    job_id: event.metadata.jobId,
    version: event.metadata.version,
    stream_seq: seq,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    occurred_at: event.metadata.occurredAt,
  }));
  await manager.query(INSERT_JOB_EVENTS, [toPgJson(rows)]);
}
