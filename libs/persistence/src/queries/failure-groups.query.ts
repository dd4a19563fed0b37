import type { FailureGroup, FailureGroupsPayload } from '@jetjobs/contracts';
import type { DataSource } from 'typeorm';

/**
 * Failed jobs counted by kind and error code, the largest group first: what an operator looks at
 * before deciding what to redrive. Filtered by project, kind and failure time (`since` inclusive).
 */
export async function failureGroups(ds: DataSource, payload: FailureGroupsPayload): Promise<FailureGroup[]> {
  const where = ["status = 'failed'"];
  const params: unknown[] = [];
  if (payload.projectId !== null) where.push(`project_id = $${params.push(payload.projectId)}`);
  if (payload.kind !== null) where.push(`kind = $${params.push(payload.kind)}`);
  if (payload.since !== null) where.push(`finished_at >= $${params.push(payload.since)}::timestamptz`);
  const rows = (await ds.query(
    `SELECT kind, coalesce(state -> 'error' ->> 'code', 'unknown') AS code, count(*)::int AS count, max(finished_at) AS last
       FROM jobs WHERE ${where.join(' AND ')}
      GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 200`,
    params,
  )) as { kind: string; code: string; count: number; last: Date | null }[];
  return rows.map((row) => ({ kind: row.kind, code: row.code, count: row.count, lastFailedAt: (row.last ?? new Date(0)).toISOString() }));
}
