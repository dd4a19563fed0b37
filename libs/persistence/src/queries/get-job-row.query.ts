import type { JobView } from '@jetjobs/contracts';
import type { DataSource } from 'typeorm';
import { JobEntity } from '../entities/job.entity';
import { isUuid } from './uuid';

/**
 * The projected state of one job, or null when no row exists (or the id is not a uuid). It does
 * not check the project: the caller decides who may see it.
 */
export async function getJobRow(ds: DataSource, jobId: string): Promise<JobView | null> {
  if (!isUuid(jobId)) return null;
  const row = await ds.getRepository(JobEntity).findOne({ select: { id: true, state: true }, where: { id: jobId } });
  return row?.state ?? null;
}
