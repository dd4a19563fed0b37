import type { ConsoleJobPage, ConsoleJobsPayload, JobView } from '@jetjobs/contracts';
import type { DataSource } from 'typeorm';
import { decodeJobCursor, encodeJobCursor } from './job-cursor';
import { jobIdRange } from './job-id-range';

/**
 * The console's list and search: jobs newest first (`created_at DESC, id DESC`) of one project,
 * or of every project when `projectId` is null, filtered by kind, statuses, error code, creation
 * time, a job-id prefix and JSON the input or result contains; paged by keyset after `cursor`.
 * No total: counting every match is what makes a list slow at scale, and a page says whether
 * another follows.
 *
 * @throws CodedError `validation_failed` when the cursor is malformed.
 */
export async function searchJobs(ds: DataSource, payload: ConsoleJobsPayload): Promise<ConsoleJobPage> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (payload.projectId !== null) add((n) => `project_id = ${n}`, payload.projectId);
  if (payload.kind !== null) add((n) => `kind = ${n}`, payload.kind);
  if (payload.statuses !== null && payload.statuses.length > 0) add((n) => `status = ANY(${n}::text[])`, payload.statuses);
  if (payload.errorCode !== null) add((n) => `state -> 'error' ->> 'code' = ${n}`, payload.errorCode);
  if (payload.createdFrom !== null) add((n) => `created_at >= ${n}::timestamptz`, payload.createdFrom);
  if (payload.createdTo !== null) add((n) => `created_at < ${n}::timestamptz`, payload.createdTo);
  if (payload.idPrefix !== null) {
    const { low, high } = jobIdRange(payload.idPrefix);
    add((n) => `id >= ${n}::uuid`, low);
    add((n) => `id <= ${n}::uuid`, high);
  }
  if (payload.inputMatch !== null) add((n) => `state -> 'input' @> ${n}::jsonb`, JSON.stringify(payload.inputMatch));
  if (payload.resultMatch !== null) add((n) => `state -> 'result' @> ${n}::jsonb`, JSON.stringify(payload.resultMatch));
  if (payload.cursor !== null) {
    const after = decodeJobCursor(payload.cursor);
    params.push(after.createdAt, after.id);
    where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(payload.limit + 1);
  const sql = `SELECT state FROM jobs ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY created_at DESC, id DESC LIMIT $${params.length}`;
  const rows = (await ds.query(sql, params)) as { state: JobView }[];
  const items = rows.slice(0, payload.limit).map((row) => row.state);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > payload.limit && last !== undefined ? encodeJobCursor(last) : null };
}
