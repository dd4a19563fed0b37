import { randomBytes } from 'node:crypto';

/**
 * Connection settings for tests. `npm test` exports them after it has found or started NATS and
 * PostgreSQL; the defaults are the servers on the standard local ports.
 */
export const testNatsUrl = (): string => process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';

/** A PostgreSQL URL for the maintenance database, used to create per-test databases. */
export const testPostgresUrl = (): string =>
  process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A namespace unique to one test, under the run's namespace, so that runs and test files never
 * share a stream, bucket or database.
 */
export function testNamespace(label = 't'): string {
  const run = process.env['JETJOBS_NAMESPACE'] ?? 'jjtest';
  return `${run}_${label}_${randomBytes(4).toString('hex')}`.slice(0, 48);
}

/** A database URL for a fresh, uniquely named database (created on first connect). */
export function testDatabaseUrl(namespace: string): string {
  const url = new URL(testPostgresUrl());
  url.pathname = `/${namespace.toLowerCase()}`;
  return url.toString();
}
