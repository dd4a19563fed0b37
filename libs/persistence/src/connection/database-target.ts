/** Where a database URL points, without its credentials, for creating it and for error messages. */
export interface DatabaseTarget {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  /** The same server and credentials, on the `postgres` maintenance database. */
  readonly maintenanceUrl: string;
}

const MAINTENANCE_DATABASE = 'postgres';

export function parseDatabaseUrl(url: string): DatabaseTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // The URL may hold a password, so it is not repeated in the message.
    throw new Error('DATABASE_URL is not a valid URL (expected postgres://user@host:port/database)');
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  const maintenance = new URL(parsed.toString());
  maintenance.pathname = `/${MAINTENANCE_DATABASE}`;
  return {
    host: parsed.hostname || 'localhost',
    port: parsed.port ? Number(parsed.port) : 5432,
    database: database || decodeURIComponent(parsed.username) || MAINTENANCE_DATABASE,
    maintenanceUrl: maintenance.toString(),
  };
}

/** Quotes an identifier for SQL that cannot take it as a parameter (CREATE/DROP DATABASE). */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
