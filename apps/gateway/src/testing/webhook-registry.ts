import type { INestMicroservice } from '@nestjs/common';
import { Client } from 'pg';
// Test-only (excluded from the build), like test-registry.ts, with settings and restarts.
import { createRegistryApp, loadRegistryConfig } from '@jetjobs/job-registry';
import { testDatabaseUrl, testNatsUrl, testPostgresUrl } from '@jetjobs/testing';

/** A job-registry that can be stopped and started again on the same database. */
export interface RestartableRegistry {
  /** Stops the running registry, waiting for its in-flight work. */
  stop(): Promise<void>;
  /** Starts a registry, with settings changed for this run only when `overrides` are given. */
  start(overrides?: Record<string, string>): Promise<void>;
  /** Stops it and drops its database. */
  close(): Promise<void>;
}

export async function startRestartableRegistry(namespace: string, env: Record<string, string>): Promise<RestartableRegistry> {
  const databaseUrl = testDatabaseUrl(namespace);
  // These tests play the worker themselves: jobs are queued though no work consumer exists.
  const base = { NATS_URL: testNatsUrl(), JETJOBS_NAMESPACE: namespace, DATABASE_URL: databaseUrl, JETJOBS_UNSERVED_KINDS: 'queue', ...env };
  let app: INestMicroservice | null = null;
  const registry: RestartableRegistry = {
    async start(overrides = {}) {
      app = await createRegistryApp({ config: loadRegistryConfig({ ...base, ...overrides }), logger: ['error'] });
      await app.listen();
    },
    async stop() {
      await app?.close();
      app = null;
    },
    async close() {
      await registry.stop();
      await dropDatabase(databaseUrl);
    },
  };
  await registry.start();
  return registry;
}

async function dropDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const client = new Client({ connectionString: testPostgresUrl() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
