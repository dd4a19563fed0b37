import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import type { EventMetadata } from '@jetjobs/contracts';
import { bigintTransformer } from './bigint.transformer';

/**
 * Every event of every job, keyed by job and version: history, audit and the source for resuming
 * an SSE stream after a given version.
 */
@Entity({ name: 'job_events' })
@Unique('job_events_stream_seq_key', ['streamSeq'])
export class JobEventEntity {
  @PrimaryColumn({ name: 'job_id', type: 'uuid' })
  jobId!: string;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  /** Sequence of the event in the JOBS stream. */
  @Column({ name: 'stream_seq', type: 'bigint', transformer: bigintTransformer })
  streamSeq!: number;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'jsonb' })
  data!: unknown;

  @Column({ type: 'jsonb' })
  metadata!: EventMetadata;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;
}
