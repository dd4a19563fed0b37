import type { DataSource } from 'typeorm';

/**
 * The rebuilt tables are made by this CLI's migrations; the live ones by the running registry's.
 * A swap between two versions of the schema would hand the registry tables it does not expect,
 * so both must have applied the same migrations.
 */
export async function requireSameMigrations(live: DataSource, shadow: DataSource): Promise<void> {
  const [liveNames, shadowNames] = await Promise.all([applied(live), applied(shadow)]);
  const missingLive = shadowNames.filter((name) => !liveNames.includes(name));
  const missingHere = liveNames.filter((name) => !shadowNames.includes(name));
  if (missingLive.length > 0) {
    throw new Error(`The live database lacks migrations ${missingLive.join(', ')}: start the current job-registry first, then rebuild`);
  }
  if (missingHere.length > 0) {
    throw new Error(`The live database has migrations this CLI does not know (${missingHere.join(', ')}): use the CLI of the running version`);
  }
}

async function applied(ds: DataSource): Promise<string[]> {
  const rows = (await ds.query('SELECT name FROM schema_migrations ORDER BY id')) as { name: string }[];
  return rows.map((row) => row.name);
}

/** The live database must be one job-registry has set up. */
export async function requireRegistrySchema(live: DataSource, url: string): Promise<void> {
  const [row] = (await live.query(`SELECT to_regclass('projection_checkpoints') IS NOT NULL AS present`)) as { present: boolean }[];
  if (!row?.present) {
    const database = decodeURIComponent(new URL(url).pathname.slice(1));
    throw new Error(`Database "${database}" has no jetjobs tables: has job-registry run with this DATABASE_URL?`);
  }
}
