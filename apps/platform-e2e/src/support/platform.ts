import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import type { INestApplication, INestMicroservice } from '@nestjs/common';
import { signToken, SCOPES } from '@jetjobs/auth';
import { createGatewayApp, loadGatewayConfig } from '@jetjobs/gateway';
import { createRegistryApp, loadRegistryConfig, RegistryHttpService } from '@jetjobs/job-registry';
import { dropTestDatabase, openTestEventStore, scriptedHandler, testDatabaseUrl, testNatsUrl, type TestEventStore } from '@jetjobs/testing';
import { startWorker, type Worker } from '@jetjobs/worker-runtime';

const SECRET = 'platform-e2e-secret-long-enough-for-hs256-signing';
export const KIND = 'scripted';
const WORKER_MAIN = resolve(__dirname, '../../../../libs/testing/dist/fixtures/scripted-worker.main.js');

/** The whole platform in one namespace: registry and gateway in-process, workers on demand. */
export interface TestPlatform {
  readonly events: TestEventStore;
  url(): string;
  /** The registry's /metrics, /healthz and /readyz server. */
  registryHttpUrl(): string;
  token(projectId?: string, scopes?: readonly string[]): string;
  request(path: string, init?: RequestInit & { token?: string }): Promise<Response>;
  startWorker(): Promise<Worker>;
  /** A worker in its own process, for tests that kill one; resolves once it is bound. */
  spawnWorker(workerId: string): Promise<ChildProcess>;
  restartGateway(): Promise<void>;
  close(): Promise<void>;
}

export async function startPlatform(label: string): Promise<TestPlatform> {
  const events = await openTestEventStore(label);
  const namespace = events.names.namespace;
  const env = {
    NATS_URL: testNatsUrl(),
    JETJOBS_NAMESPACE: namespace,
    DATABASE_URL: testDatabaseUrl(namespace),
    JETJOBS_RETRY_BASE_DELAY_MS: '300',
    JETJOBS_RETRY_MAX_ATTEMPTS: '3',
    JETJOBS_WORK_ACK_WAIT_MS: '2000',
    JETJOBS_WORK_MAX_DELIVER: '3',
    JWT_SECRET: SECRET,
    JETJOBS_REGISTRY_TIMEOUT_MS: '5000',
    // Scenarios submit before their worker starts (or after it stopped): keep such jobs queued.
    JETJOBS_UNSERVED_KINDS: 'queue',
    JETJOBS_HTTP_PORT: '0',
  };
  const registry: INestMicroservice = await createRegistryApp({ config: loadRegistryConfig(env), logger: ['error', 'warn'] });
  await registry.listen();
  let gateway: INestApplication = await listenGateway(env, 0);
  let port = Number(new URL(await gateway.getUrl()).port);
  const workers: Worker[] = [];
  const children: ChildProcess[] = [];

  const platform: TestPlatform = {
    events,
    url: () => `http://127.0.0.1:${port}`,
    registryHttpUrl: () => registry.get(RegistryHttpService).url ?? 'no registry HTTP server',
    token: (projectId = 'project-a', scopes = SCOPES) => signToken({ secret: SECRET, projectId, scopes: [...scopes], ttlSeconds: 600 }),
    request: (path, { token, ...init } = {}) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${token ?? platform.token()}`);
      if (init.body !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${platform.url()}${path}`, { ...init, headers });
    },
    async startWorker() {
      const worker = await startWorker({ store: events.store, kind: KIND, handler: scriptedHandler, ackWaitMs: 2_000, maxDeliver: 3 });
      workers.push(worker);
      return worker;
    },
    async spawnWorker(workerId) {
      const child = spawn(process.execPath, [WORKER_MAIN], {
        env: { ...process.env, ...env, WORKER_KIND: KIND, WORKER_ID: workerId },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      const started = once(child.stdout as NodeJS.ReadableStream, 'data').then(([line]) => String(line));
      const exited = once(child, 'exit').then(([code]) => `exited with code ${String(code)} (is libs/testing built?)`);
      const first = await Promise.race([started, exited]);
      if (!first.startsWith('ready')) throw new Error(`worker ${workerId} did not start: ${first}`);
      return child;
    },
    async restartGateway() {
      await gateway.close();
      gateway = await listenGateway(env, port);
      port = Number(new URL(await gateway.getUrl()).port);
    },
    async close() {
      for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
      for (const worker of workers) await worker.stop(1_000);
      await gateway.close();
      await registry.close();
      await dropTestDatabase(testDatabaseUrl(namespace));
      await events.dispose();
    },
  };
  return platform;
}

async function listenGateway(env: Record<string, string>, port: number): Promise<INestApplication> {
  const app = await createGatewayApp(loadGatewayConfig(env), { logger: ['error'] });
  await app.listen(port, '127.0.0.1');
  return app;
}
