import type { DataSource } from 'typeorm';
import { createDatabase, isUndefinedDatabase } from './create-database';
import { parseDatabaseUrl, type DatabaseTarget } from './database-target';
import { explainConnectFailure } from './database-unreachable.error';
import { CONNECT_TIMEOUT_MS, registryDataSource } from './registry-data-source';

export { REGISTRY_ENTITIES } from './registry-data-source';

// Any fixed key works: advisory locks are scoped to the database, and only this lib takes this one.
const MIGRATION_LOCK = 'jetjobs.persistence.migrations';

/**
 * Connects to the registry database, creating it first when the server does not have it, and runs
 * every pending migration. The schema only ever changes through migrations, never `synchronize`.
 *
 * @throws DatabaseUnreachableError when nothing answers at the URL's host and port.
 */
export async function openDatabase(url: string): Promise<DataSource> {
  const target = parseDatabaseUrl(url);
  const ds = await connect(url, target);
  try {
    await runMigrationsExclusively(ds);
  } catch (error) {
    await ds.destroy();
    throw error;
  }
  return ds;
}

/** Closes the pool; safe to call on a data source that is already closed. */
export async function closeDatabase(ds: DataSource): Promise<void> {
  if (ds.isInitialized) await ds.destroy();
}

async function connect(url: string, target: DatabaseTarget): Promise<DataSource> {
  try {
    return await dataSource(url).initialize();
  } catch (error) {
    if (!isUndefinedDatabase(error)) throw explainConnectFailure(target, error);
  }
  await createDatabase(target, CONNECT_TIMEOUT_MS);
  try {
    return await dataSource(url).initialize();
  } catch (error) {
    throw explainConnectFailure(target, error);
  }
}

function dataSource(url: string): DataSource {
  return registryDataSource(url, { applicationName: 'jetjobs' });
}

/**
 * Replicas start together and TypeORM takes no lock of its own, so migrations run under an
 * advisory lock held on a separate connection: the first replica migrates, the others wait and
 * then find nothing pending.
 */
async function runMigrationsExclusively(ds: DataSource): Promise<void> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [MIGRATION_LOCK]);
    try {
      await ds.runMigrations({ transaction: 'all' });
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [MIGRATION_LOCK]);
    }
  } finally {
    await runner.release();
  }
}
