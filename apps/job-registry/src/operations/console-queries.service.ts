import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { ConsoleJobPage, ConsoleJobsPayload, FailureGroupsPayload, ProjectionStatusReply } from '@jetjobs/contracts';
import { failureGroups, readProjectionCheckpoints, readShadowCheckpoint, searchJobs } from '@jetjobs/persistence';
import { DATA_SOURCE } from '../database/database.providers';
import { JOBS_PROJECTION } from '../projection/projector.service';

const FINISHED_PER_MINUTE = `
  SELECT date_trunc('minute', finished_at) AS minute,
         count(*) FILTER (WHERE status = 'completed')::int AS completed,
         count(*) FILTER (WHERE status = 'failed')::int AS failed,
         (avg(extract(epoch FROM finished_at - created_at)) * 1000)::float8 AS mean_ms
    FROM jobs WHERE finished_at >= now() - interval '60 minutes'
   GROUP BY 1 ORDER BY 1`;

/**
 * The console's reads from the projection. The gateway decides whose jobs a caller may see and
 * sends the project (or null for operators); the registry applies it as given.
 */
@Injectable()
export class ConsoleQueriesService {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  jobs(payload: ConsoleJobsPayload): Promise<ConsoleJobPage> {
    return searchJobs(this.dataSource, payload);
  }

  async failureGroups(payload: FailureGroupsPayload) {
    return { groups: await failureGroups(this.dataSource, payload) };
  }

  /** Checkpoints (their lag is the gateway's arithmetic: it reads the stream's end itself). */
  async projectionStatus(): Promise<ProjectionStatusReply> {
    const [checkpoints, rebuild, counts, series] = await Promise.all([
      readProjectionCheckpoints(this.dataSource),
      readShadowCheckpoint(this.dataSource, JOBS_PROJECTION),
      this.dataSource.query('SELECT status, count(*)::int AS count FROM jobs GROUP BY status') as Promise<{ status: string; count: number }[]>,
      this.dataSource.query(FINISHED_PER_MINUTE) as Promise<{ minute: Date; completed: number; failed: number; mean_ms: number | null }[]>,
    ]);
    return {
      projections: checkpoints.map(({ name, lastSeq, updatedAt }) => ({ name, checkpoint: lastSeq, updatedAt: updatedAt.toISOString() })),
      rebuild: rebuild === null ? null : { checkpoint: rebuild },
      statusCounts: Object.fromEntries(counts.map((row) => [row.status, row.count])),
      series: series.map((row) => ({ minute: row.minute.toISOString(), completed: row.completed, failed: row.failed, meanLatencyMs: row.mean_ms })),
    };
  }
}
