import type { JobRowValues } from '../projection/job-rows.projection';
import type { StoredEvent } from '@jetjobs/contracts';
import { toPgJson } from '../projection/pg-json';

/**
 * Rows in one text form, whichever side they come from: keys sorted at every depth, times as ISO
 * instants, big integers as numbers. What the stream says is first passed through the same jsonb
 * clean-up the writer applies, so that only a real difference makes two texts differ.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Date) return value.toISOString();
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, inner]) => [key, sortKeys(inner)]));
}

const asStored = (value: unknown): unknown => JSON.parse(toPgJson(value));
const instant = (value: string | Date | null): string | null => (value === null ? null : new Date(value).toISOString());

/** A `job_events` row as read back by `SELECT stream_seq, job_id, version, type, data, metadata, occurred_at`. */
export interface EventRow {
  readonly stream_seq: string | number;
  readonly job_id: string;
  readonly version: number;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly occurred_at: Date;
}

export function eventRowText(row: EventRow): string {
  const { stream_seq, job_id, version, type, data, metadata, occurred_at } = row;
  return canonicalJson({ seq: Number(stream_seq), job_id, version, type, data, metadata, occurred_at: instant(occurred_at) });
}

/** The row the projector must have written for a stream event. */
export function expectedEventText({ seq, event }: StoredEvent): string {
  return canonicalJson(
    asStored({
      seq,
      job_id: event.metadata.jobId.toLowerCase(),
      version: event.metadata.version,
      type: event.type,
      data: event.data,
      metadata: event.metadata,
      occurred_at: instant(event.metadata.occurredAt),
    }),
  );
}

/** A `jobs` row as read back with every column (timestamps as Dates, last_seq as text). */
export type JobRow = Omit<JobRowValues, 'created_at' | 'updated_at' | 'finished_at' | 'last_seq'> & {
  readonly created_at: Date | string;
  readonly updated_at: Date | string;
  readonly finished_at: Date | string | null;
  readonly last_seq: string | number;
};

export function jobRowText(row: JobRow | JobRowValues): string {
  return canonicalJson(
    asStored({
      ...row,
      id: row.id.toLowerCase(),
      created_at: instant(row.created_at),
      updated_at: instant(row.updated_at),
      finished_at: instant(row.finished_at),
      last_seq: Number(row.last_seq),
    }),
  );
}
