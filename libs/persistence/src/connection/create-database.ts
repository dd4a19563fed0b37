import { Client } from 'pg';
import { quoteIdentifier, type DatabaseTarget } from './database-target';
import { explainConnectFailure } from './database-unreachable.error';

/** SQLSTATE 3D000: the database named in the connection does not exist. */
export const UNDEFINED_DATABASE = '3D000';
const DUPLICATE_DATABASE = '42P04';
// Two CREATE DATABASE racing for one name can also trip the catalog's unique index.
const UNIQUE_VIOLATION = '23505';

/**
 * Creates the target database through the maintenance database of the same server. Replicas that
 * start together may all try; losing that race means the database exists, which is the goal.
 */
export async function createDatabase(target: DatabaseTarget, connectTimeoutMs: number): Promise<void> {
  const client = new Client({ connectionString: target.maintenanceUrl, connectionTimeoutMillis: connectTimeoutMs });
  try {
    await client.connect();
  } catch (error) {
    throw explainConnectFailure(target, error);
  }
  try {
    await client.query(`CREATE DATABASE ${quoteIdentifier(target.database)}`);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== DUPLICATE_DATABASE && code !== UNIQUE_VIOLATION) throw error;
  } finally {
    await client.end();
  }
}

export function isUndefinedDatabase(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === UNDEFINED_DATABASE;
}
