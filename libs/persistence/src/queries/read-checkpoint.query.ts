import type { DataSource } from 'typeorm';
import { ProjectionCheckpointEntity } from '../entities/projection-checkpoint.entity';

/**
 * The last stream sequence the projection applied, 0 when it has applied nothing: a projector
 * resumes its consumer from the sequence after this one.
 */
export async function readCheckpoint(ds: DataSource, projection: string): Promise<number> {
  const row = await ds.getRepository(ProjectionCheckpointEntity).findOneBy({ name: projection });
  return row?.lastSeq ?? 0;
}
