import type { DataSource } from 'typeorm';
import { ProjectionCheckpointEntity } from '../entities/projection-checkpoint.entity';

export interface ProjectionCheckpoint {
  readonly name: string;
  readonly lastSeq: number;
  readonly updatedAt: Date;
}

/** Every projection's checkpoint, by name: how far each has read the JOBS stream. */
export async function readProjectionCheckpoints(ds: DataSource): Promise<ProjectionCheckpoint[]> {
  const rows = await ds.getRepository(ProjectionCheckpointEntity).find({ order: { name: 'ASC' } });
  return rows.map(({ name, lastSeq, updatedAt }) => ({ name, lastSeq, updatedAt }));
}
