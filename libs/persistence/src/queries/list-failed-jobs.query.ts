import { CodedError, type FailurePage, type FailuresPayload, type JobView } from '@jetjobs/contracts';
import type { DataSource } from 'typeorm';
import { JobEntity } from '../entities/job.entity';
import { isUuid } from './uuid';

/**
 * Jobs whose final state is `failed`, across projects, most recent failure first
 * (`finished_at DESC, id DESC`), filtered by kind, project, error code and failure time
 * (`since` inclusive, `until` exclusive), paged by keyset after `cursor`.
 *
 * @throws CodedError `validation_failed` when the cursor is malformed.
 */
export async function listFailedJobs(ds: DataSource, payload: FailuresPayload): Promise<FailurePage> {
  const query = ds
    .getRepository(JobEntity)
    .createQueryBuilder('j')
    .select('j.state', 'state')
    .where('j.status = :status', { status: 'failed' })
    .orderBy('j.finishedAt', 'DESC')
    .addOrderBy('j.id', 'DESC')
    .limit(payload.limit + 1);
  if (payload.kind !== null) query.andWhere('j.kind = :kind', { kind: payload.kind });
  if (payload.projectId !== null) query.andWhere('j.projectId = :projectId', { projectId: payload.projectId });
  if (payload.reason !== null) query.andWhere(`j.state -> 'error' ->> 'code' = :reason`, { reason: payload.reason });
  if (payload.since !== null) query.andWhere('j.finishedAt >= CAST(:since AS timestamptz)', { since: payload.since });
  if (payload.until !== null) query.andWhere('j.finishedAt < CAST(:until AS timestamptz)', { until: payload.until });
  if (payload.cursor !== null) {
    const after = decodeFailureCursor(payload.cursor);
    query.andWhere('(j.finishedAt, j.id) < (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid))', after);
  }
  const rows = await query.getRawMany<{ state: JobView }>();
  const items = rows.slice(0, payload.limit).map((row) => row.state);
  const last = items.at(-1);
  const more = rows.length > payload.limit && last?.finishedAt != null;
  return { items, nextCursor: more && last?.finishedAt ? encodeFailureCursor(last.finishedAt, last.id) : null };
}

// The time is the job's own `finishedAt` text, the value its column was cast from: exact in SQL.
function encodeFailureCursor(finishedAt: string, id: string): string {
  return Buffer.from(JSON.stringify([finishedAt, id]), 'utf8').toString('base64url');
}

function decodeFailureCursor(cursor: string): { afterAt: string; afterId: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const [afterAt, afterId] = Array.isArray(parsed) ? (parsed as unknown[]) : [];
  if (typeof afterAt !== 'string' || Number.isNaN(Date.parse(afterAt)) || typeof afterId !== 'string' || !isUuid(afterId)) {
    throw new CodedError('validation_failed', 'cursor is malformed: pass the nextCursor of a previous page');
  }
  return { afterAt, afterId };
}
