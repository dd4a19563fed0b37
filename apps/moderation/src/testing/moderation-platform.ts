import type { INestApplication, INestMicroservice } from '@nestjs/common';
import { Objm } from '@nats-io/obj';
import { SCOPES, signToken } from '@jetjobs/auth';
import { BUILTIN_KINDS } from '@jetjobs/contracts';
import { createGatewayApp, loadGatewayConfig } from '@jetjobs/gateway';
import { createRegistryApp, loadRegistryConfig } from '@jetjobs/job-registry';
import { dropTestDatabase, openTestEventStore, testDatabaseUrl, testNatsUrl, type TestEventStore } from '@jetjobs/testing';
import { startWorker, type Worker } from '@jetjobs/worker-runtime';
import type { FrameClassifier } from '../classifiers/frame-classifier';
import { DEFAULT_THRESHOLDS } from '../config/thresholds';
import { bucketMediaFiles } from '../evidence/media-files';
import { createModerationHandler, type ModerationSettings } from '../moderation.handler';

const SECRET = 'moderation-test-secret-long-enough-for-hs256-signing';

/** The worker's default settings, but for an allowlisted 127.0.0.1 (the tests' media server) and a 200 MB cap. */
export const TEST_SETTINGS: ModerationSettings = {
  sampling: { intervalS: 1, sceneThreshold: 0.1, minSceneS: 1 },
  rule: { thresholds: DEFAULT_THRESHOLDS, minIntervalSamples: 2 },
  maxEvidence: 20,
  download: { allowlist: ['127.0.0.1'], maxBytes: 200 * 1024 ** 2, timeoutMs: 10_000 },
};

/** Registry, gateway and moderation workers in one fresh namespace, on the real servers. */
export interface ModerationPlatform {
  readonly events: TestEventStore;
  /** `fetch` against the gateway, authorised for the project with every scope. */
  request(path: string, init?: RequestInit): Promise<Response>;
  url(path: string): string;
  authorization(): Record<string, string>;
  /** A moderation worker on the shared classifier; stopped by `close`. */
  startWorker(): Promise<Worker>;
  close(): Promise<void>;
}

export async function startModerationPlatform(classifier: FrameClassifier, settings: ModerationSettings = TEST_SETTINGS): Promise<ModerationPlatform> {
  const events = await openTestEventStore('moderation');
  const namespace = events.names.namespace;
  const databaseUrl = testDatabaseUrl(namespace);
  const common = { NATS_URL: testNatsUrl(), JETJOBS_NAMESPACE: namespace, JETJOBS_WORK_ACK_WAIT_MS: '3000' };
  const registry: INestMicroservice = await createRegistryApp({
    // Some cases submit before the worker starts, to see every progress event: keep such jobs queued.
    config: loadRegistryConfig({ ...common, DATABASE_URL: databaseUrl, JETJOBS_RETRY_BASE_DELAY_MS: '200', JETJOBS_RETRY_MAX_ATTEMPTS: '2', JETJOBS_UNSERVED_KINDS: 'queue' }),
    logger: ['error'],
  });
  await registry.listen();
  const gateway: INestApplication = await createGatewayApp(
    loadGatewayConfig({ ...common, JWT_SECRET: SECRET, JETJOBS_SOURCE_URL_ALLOWLIST: '127.0.0.1', JETJOBS_REGISTRY_TIMEOUT_MS: '5000' }),
    { logger: ['error'] },
  );
  await gateway.listen(0, '127.0.0.1');
  const base = await gateway.getUrl();
  const token = signToken({ secret: SECRET, projectId: 'project-m', scopes: [...SCOPES], ttlSeconds: 600 });
  const workers: Worker[] = [];
  const files = bucketMediaFiles(await new Objm(events.nc).open(events.names.mediaBucket));
  const handler = createModerationHandler(classifier, files, settings);
  return {
    events,
    url: (path) => `${base}${path}`,
    authorization: () => ({ authorization: `Bearer ${token}` }),
    request: (path, init = {}) => fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } }),
    async startWorker() {
      const worker = await startWorker({ store: events.store, kind: BUILTIN_KINDS.moderation, handler, ackWaitMs: 3_000, maxDeliver: 3 });
      workers.push(worker);
      return worker;
    },
    async close() {
      for (const worker of workers) await worker.stop(2_000);
      await gateway.close();
      await registry.close();
      await dropTestDatabase(databaseUrl);
      await events.dispose();
    },
  };
}
