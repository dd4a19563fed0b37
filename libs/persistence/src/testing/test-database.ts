import { Client } from 'pg';
import type { DataSource } from 'typeorm';
// Test-only file (excluded from the build): the shared test environment is a dev dependency, which
// the layering rule for production imports does not distinguish.
import { dropTestDatabase, testDatabaseUrl, testNamespace, testPostgresUrl } from '@jetjobs/testing';

/** A URL for a database no other test uses; `openDatabase` creates it. */
export function freshDatabaseUrl(label: string): string {
  return testDatabaseUrl(testNamespace(label));
}

/** Drops a test database, closing whatever sessions still use it. */
export const dropDatabase = dropTestDatabase;

export async function databaseExists(url: string): Promise<boolean> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const client = new Client({ connectionString: testPostgresUrl() });
  await client.connect();
  try {
    const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return result.rowCount === 1;
  } finally {
    await client.end();
  }
}

/** Every row of every registry table, all columns, in a fixed order, as exact JSON text. */
export async function snapshotTables(ds: DataSource): Promise<Record<string, string[]>> {
  const read = async (sql: string): Promise<string[]> =>
    ((await ds.query(sql)) as { row: string }[]).map((r) => r.row);
  return {
    jobs: await read('SELECT to_jsonb(t)::text AS row FROM jobs t ORDER BY id'),
    job_events: await read('SELECT to_jsonb(t)::text AS row FROM job_events t ORDER BY stream_seq'),
    projection_checkpoints: await read('SELECT to_jsonb(t)::text AS row FROM projection_checkpoints t ORDER BY name'),
  };
}
