import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { JobView } from '@jetjobs/contracts';
import { bigintTransformer } from './bigint.transformer';

/**
 * One row per job: its current state, folded from every event applied so far. The scalar columns
 * exist for filtering and sorting; `state` is what readers get back.
 */
@Entity({ name: 'jobs' })
// Declared for TypeORM's metadata only: the list query walks it newest first, an order the
// decorator cannot express, so the migration owns its definition.
@Index('jobs_project_created_idx', { synchronize: false })
@Index('jobs_project_status_idx', ['projectId', 'status'])
@Index('jobs_project_kind_idx', ['projectId', 'kind'])
export class JobEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'project_id', type: 'text' })
  projectId!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'integer' })
  attempt!: number;

  @Column({ type: 'double precision' })
  progress!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** Stream sequence of the last event folded into this row. */
  @Column({ name: 'last_seq', type: 'bigint', transformer: bigintTransformer })
  lastSeq!: number;

  @Column({ type: 'jsonb' })
  state!: JobView;
}
