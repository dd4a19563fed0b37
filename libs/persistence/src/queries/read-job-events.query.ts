import type { JobEvent, StoredEvent } from '@jetjobs/contracts';
import { MoreThan, type DataSource } from 'typeorm';
import { JobEventEntity } from '../entities/job-event.entity';
import { isUuid } from './uuid';

/**
 * The projected events of one job with a version above `afterVersion`, oldest first, rebuilt as
 * the `{type, data, metadata}` envelopes they were stored from (SSE resume, history).
 */
export async function readJobEvents(ds: DataSource, jobId: string, afterVersion: number): Promise<StoredEvent[]> {
  if (!isUuid(jobId)) return [];
  const rows = await ds.getRepository(JobEventEntity).find({
    where: { jobId, version: MoreThan(afterVersion) },
    order: { version: 'ASC' },
  });
  return rows.map((row) => ({
    seq: row.streamSeq,
    // The row was written from a validated JobEvent, so its three parts still form one.
    event: { type: row.type, data: row.data, metadata: row.metadata } as JobEvent,
  }));
}
