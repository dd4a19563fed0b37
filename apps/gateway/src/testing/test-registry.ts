import type { INestMicroservice } from '@nestjs/common';
// Test-only (excluded from the build): end-to-end tests run the real job-registry next to the
// gateway; production code never imports another app.
import { createRegistryApp, loadRegistryConfig } from '@jetjobs/job-registry';
import { dropTestDatabase, testDatabaseUrl, testNatsUrl } from '@jetjobs/testing';

export interface TestRegistry {
  readonly app: INestMicroservice;
  /** Stops the registry and drops its database. */
  close(): Promise<void>;
}

/** The real job-registry in a namespace, with its own fresh PostgreSQL database. */
export async function startTestRegistry(namespace: string, env: Record<string, string> = {}): Promise<TestRegistry> {
  const databaseUrl = testDatabaseUrl(namespace);
  // Most gateway tests play the worker themselves (or not at all), so no work consumer exists:
  // jobs of every kind are queued unless a test asks for the production rule.
  const config = loadRegistryConfig({ NATS_URL: testNatsUrl(), JETJOBS_NAMESPACE: namespace, DATABASE_URL: databaseUrl, JETJOBS_UNSERVED_KINDS: 'queue', ...env });
  const app = await createRegistryApp({ config, logger: ['error'] });
  await app.listen();
  return {
    app,
    close: async () => {
      await app.close();
      await dropTestDatabase(databaseUrl);
    },
  };
}
