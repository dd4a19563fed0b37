import type { DataSource } from 'typeorm';

const REBUILD_LOCK = 'jetjobs.projections.rebuild';

/**
 * Takes the database's rebuild lock on a connection of its own, or returns null when another
 * rebuild holds it. A session-level advisory lock: a rebuild killed outright releases it with
 * its connection, so a rerun never finds a stale lock.
 *
 * @returns the function that releases the lock.
 */
export async function tryRebuildLock(ds: DataSource): Promise<(() => Promise<void>) | null> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  const [row] = (await runner.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [REBUILD_LOCK])) as { locked: boolean }[];
  if (!row?.locked) {
    await runner.release();
    return null;
  }
  return async () => {
    try {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [REBUILD_LOCK]);
    } finally {
      await runner.release();
    }
  };
}
