import type { EntityManager } from 'typeorm';
import { ProjectionCheckpointEntity } from '../entities/projection-checkpoint.entity';

/**
 * Reads the projection's checkpoint and holds its row lock until the transaction ends, so that
 * two consumers of one projection apply batches one after the other, each seeing the other's
 * checkpoint. The row is created at 0 first because a missing row cannot be locked.
 */
export async function lockCheckpoint(manager: EntityManager, name: string): Promise<number> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(ProjectionCheckpointEntity)
    .values({ name, lastSeq: 0, updatedAt: () => 'now()' })
    .orIgnore()
    .updateEntity(false)
    .execute();
  const row = await manager
    .createQueryBuilder(ProjectionCheckpointEntity, 'c')
    .setLock('pessimistic_write')
    .where('c.name = :name', { name })
    .getOneOrFail();
  return row.lastSeq;
}

/** Moves the checkpoint; call only while holding the lock from `lockCheckpoint`. */
export async function advanceCheckpoint(manager: EntityManager, name: string, lastSeq: number): Promise<void> {
  await manager.update(ProjectionCheckpointEntity, { name }, { lastSeq, updatedAt: () => 'now()' });
}
