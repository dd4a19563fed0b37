import type { DataSource } from 'typeorm';

/** One projected event of a job, as much of it as its history is measured from. */
export interface HistoryEvent {
  readonly version: number;
  readonly type: string;
  readonly occurredAt: Date;
  readonly data: unknown;
}

interface HistoryRow {
  readonly job_id: string;
  readonly version: number;
  readonly type: string;
  readonly occurred_at: Date;
  readonly data: unknown;
}

/**
 * The projected events (`job_events`) of these jobs whose type is one of `types`, oldest first,
 * by job id; a job with none is absent. One query for a whole batch: the registry's metrics
 * measure queue and run times from these histories after each projector commit.
 */
export async function readJobHistories(ds: DataSource, jobIds: readonly string[], types: readonly string[]): Promise<Map<string, HistoryEvent[]>> {
  const rows = (await ds.query(
    `SELECT job_id, version, type, occurred_at, data FROM job_events WHERE job_id = ANY($1::uuid[]) AND type = ANY($2::text[]) ORDER BY job_id, version`,
    [jobIds, types],
  )) as HistoryRow[];
  const histories = new Map<string, HistoryEvent[]>();
  for (const row of rows) {
    const history = histories.get(row.job_id) ?? [];
    history.push({ version: row.version, type: row.type, occurredAt: row.occurred_at, data: row.data });
    histories.set(row.job_id, history);
  }
  return histories;
}
