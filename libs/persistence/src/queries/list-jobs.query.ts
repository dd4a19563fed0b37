import type { JobPage, JobView, ListJobsPayload } from '@jetjobs/contracts';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { JobEntity } from '../entities/job.entity';
import { decodeJobCursor, encodeJobCursor } from './job-cursor';

/**
 * One page of the actor's project's jobs, newest first (`created_at DESC, id DESC`), filtered by
 * kind, any of `statuses` (an empty list filters nothing), `createdFrom` (inclusive) to
 * `createdTo` (exclusive), and the moderation `decision` (the result's `is_prohibited`). Pages by
 * keyset after `cursor`, by `offset`, or both (skip `offset` rows after the cursor). `total`
 * counts every job matching the filters; `nextCursor` is null on the last page.
 *
 * @throws CodedError `validation_failed` when the cursor is malformed.
 */
export async function listJobs(ds: DataSource, payload: ListJobsPayload): Promise<JobPage> {
  const after = payload.cursor === null ? null : decodeJobCursor(payload.cursor);
  const matching = matchingJobs(ds, payload);
  const page = matching
    .clone()
    .select('j.state', 'state')
    .orderBy('j.createdAt', 'DESC')
    .addOrderBy('j.id', 'DESC')
    // One row more than asked tells whether another page follows, without a second query.
    .limit(payload.limit + 1)
    .offset(payload.offset ?? 0);
  if (after !== null) {
    page.andWhere('(j.createdAt, j.id) < (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid))', {
      afterAt: after.createdAt,
      afterId: after.id,
    });
  }
  const [rows, total] = await Promise.all([page.getRawMany<{ state: JobView }>(), matching.getCount()]);
  const items = rows.slice(0, payload.limit).map((row) => row.state);
  const last = items.at(-1);
  const nextCursor = rows.length > payload.limit && last !== undefined ? encodeJobCursor(last) : null;
  return { items, total, nextCursor };
}

function matchingJobs(ds: DataSource, payload: ListJobsPayload): SelectQueryBuilder<JobEntity> {
  const query = ds
    .getRepository(JobEntity)
    .createQueryBuilder('j')
    .where('j.projectId = :projectId', { projectId: payload.actor.projectId });
  if (payload.kind !== null) query.andWhere('j.kind = :kind', { kind: payload.kind });
  if (payload.statuses !== null && payload.statuses.length > 0) {
    query.andWhere('j.status IN (:...statuses)', { statuses: payload.statuses });
  }
  if (payload.createdFrom !== null) {
    query.andWhere('j.createdAt >= CAST(:createdFrom AS timestamptz)', { createdFrom: payload.createdFrom });
  }
  if (payload.createdTo !== null) {
    query.andWhere('j.createdAt < CAST(:createdTo AS timestamptz)', { createdTo: payload.createdTo });
  }
  if (payload.decision) {
    // The moderation worker's verdict lives in the result; jobs without one match neither decision.
    // Compared as jsonb so that only a boolean counts (`->>` would also match the string "true").
    query.andWhere("j.state->'result'->'is_prohibited' = CAST(:prohibited AS jsonb)", { prohibited: payload.decision === 'reject' ? 'true' : 'false' });
  }
  return query;
}
