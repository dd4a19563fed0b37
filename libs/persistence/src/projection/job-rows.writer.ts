import type { JobView } from '@jetjobs/contracts';
import { In, type EntityManager } from 'typeorm';
import { JobEntity } from '../entities/job.entity';
import type { JobRowValues } from './job-rows.projection';
import { toPgJson } from './pg-json';

/** The current state of the given jobs, one query for the whole batch. */
export async function loadJobStates(manager: EntityManager, ids: readonly string[]): Promise<Map<string, JobView>> {
  if (ids.length === 0) return new Map();
  const rows = await manager.find(JobEntity, { select: { id: true, state: true }, where: { id: In(ids) } });
  return new Map(rows.map((row) => [row.id, row.state]));
}

// The rows travel as one JSON parameter expanded by jsonb_to_recordset: one statement per batch
// whatever its size, and no ceiling from the protocol's 65,535 bind parameters.
const UPSERT_JOBS = `
  INSERT INTO jobs (id, project_id, kind, status, version, attempt, progress,
                    created_at, updated_at, finished_at, last_seq, state)
  SELECT id, project_id, kind, status, version, attempt, progress,
         created_at, updated_at, finished_at, last_seq, state
  FROM jsonb_to_recordset($1::jsonb) AS r(
    id uuid, project_id text, kind text, status text, version integer, attempt integer,
    progress double precision, created_at timestamptz, updated_at timestamptz,
    finished_at timestamptz, last_seq bigint, state jsonb)
  ON CONFLICT (id) DO UPDATE SET
    status = EXCLUDED.status, version = EXCLUDED.version, attempt = EXCLUDED.attempt,
    progress = EXCLUDED.progress, updated_at = EXCLUDED.updated_at,
    finished_at = EXCLUDED.finished_at, last_seq = EXCLUDED.last_seq, state = EXCLUDED.state`;

/** Inserts new jobs and overwrites the folded state of existing ones. */
export async function upsertJobRows(manager: EntityManager, rows: readonly JobRowValues[]): Promise<void> {
  if (rows.length === 0) return;
  await manager.query(UPSERT_JOBS, [toPgJson(rows)]);
}
