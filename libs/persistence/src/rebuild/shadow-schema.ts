import type { DataSource } from 'typeorm';
import { connectDatabase } from '../connection/connect-database';
import { readCheckpoint } from '../queries/read-checkpoint.query';

/** Where a rebuild writes its fresh tables while the live ones keep serving. */
export const REBUILD_SCHEMA = 'jetjobs_rebuild';
/** Where the replaced tables go for the instant before they are dropped, inside the swap. */
export const RETIRED_SCHEMA = 'jetjobs_retired';
/** The tables the jobs projection owns: what a rebuild fills and swaps in. */
export const PROJECTION_TABLES = ['jobs', 'job_events'] as const;

/**
 * Opens the rebuild schema on the live database, creating it and its tables when missing. The
 * tables come from the registry's own migrations run inside that schema, so they have exactly the
 * live shape (columns, constraints, index names). An existing schema is kept: its rows and
 * checkpoint were written together, batch by batch, so an interrupted rebuild resumes from it.
 */
export async function openShadowDatabase(url: string, projection: string): Promise<{ ds: DataSource; checkpoint: number }> {
  const ds = await connectDatabase(url, { schema: REBUILD_SCHEMA, applicationName: 'jetjobs-rebuild' });
  try {
    await ds.query(`CREATE SCHEMA IF NOT EXISTS ${REBUILD_SCHEMA}`);
    await ds.runMigrations({ transaction: 'all' });
    return { ds, checkpoint: await readCheckpoint(ds, projection) };
  } catch (error) {
    await ds.destroy();
    throw error;
  }
}

/** The rebuild schema's checkpoint for a projection, or null when no rebuild is under way. */
export async function readShadowCheckpoint(live: DataSource, projection: string): Promise<number | null> {
  const [found] = (await live.query(
    `SELECT to_regclass($1) IS NOT NULL AS present`,
    [`${REBUILD_SCHEMA}.projection_checkpoints`],
  )) as { present: boolean }[];
  if (!found?.present) return null;
  const rows = (await live.query(`SELECT last_seq FROM ${REBUILD_SCHEMA}.projection_checkpoints WHERE name = $1`, [projection])) as {
    last_seq: string;
  }[];
  return rows[0] ? Number(rows[0].last_seq) : 0;
}

/** Throws away an unfinished rebuild. */
export async function dropShadowSchema(live: DataSource): Promise<void> {
  await live.query(`DROP SCHEMA IF EXISTS ${REBUILD_SCHEMA} CASCADE`);
}
