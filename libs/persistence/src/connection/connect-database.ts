import type { DataSource } from 'typeorm';
import { parseDatabaseUrl } from './database-target';
import { explainConnectFailure } from './database-unreachable.error';
import { registryDataSource } from './registry-data-source';

export interface ConnectOptions {
  /** Resolve unqualified table names in this schema only (a projection being rebuilt). */
  readonly schema?: string;
  readonly applicationName?: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Connects to an existing registry database without creating or migrating it: for operator tools,
 * which must not change a schema the services own. The same entities and migration list as
 * `openDatabase`, so `runMigrations()` on a connection bound to another schema builds that
 * schema exactly as the live one was built.
 */
export async function connectDatabase(url: string, options: ConnectOptions = {}): Promise<DataSource> {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) throw new Error(`Invalid schema name "${options.schema}"`);
  const ds = registryDataSource(url, { applicationName: options.applicationName ?? 'jetjobs-cli', schema: options.schema });
  try {
    return await ds.initialize();
  } catch (error) {
    throw explainConnectFailure(parseDatabaseUrl(url), error);
  }
}
