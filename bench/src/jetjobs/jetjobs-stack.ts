import { randomBytes } from 'node:crypto';
import { signToken, SCOPES } from '@jetjobs/auth';
import { names } from '@jetjobs/contracts';
import { connectNats } from '@jetjobs/event-store';
import { jetstreamManager } from '@nats-io/jetstream';
import { Client } from 'pg';
import { freePort } from '@jetjobs/testing';
import { JsonClient } from '../common/http-client';
import { startService, waitUntil, type Service } from '../common/processes';
import type { LifecycleTarget } from '../common/target';

export interface StackSettings {
  readonly natsUrl: string;
  readonly postgresUrl: string;
  readonly workerConcurrency: number;
}

const SECRET = randomBytes(32).toString('hex');

/** The built registry, gateway and echo worker as separate processes, in a fresh namespace. */
export async function startJetjobs(settings: StackSettings, extraEnv: Record<string, string> = {}): Promise<LifecycleTarget & { namespace: string; baseUrl: string; token: string }> {
  const namespace = `bench_${randomBytes(4).toString('hex')}`;
  const port = await freePort();
  const database = new URL(settings.postgresUrl);
  database.pathname = `/${namespace}`;
  const env = {
    NATS_URL: settings.natsUrl,
    JETJOBS_NAMESPACE: namespace,
    DATABASE_URL: database.toString(),
    GATEWAY_PORT: String(port),
    GATEWAY_HOST: '127.0.0.1',
    JWT_SECRET: SECRET,
    WORKER_CONCURRENCY: String(settings.workerConcurrency),
    // The benchmark submits thousands of jobs for one project as fast as it can: it measures
    // throughput, so the per-project submit rate limit is off.
    JETJOBS_SUBMIT_RATE_PER_SECOND: '0',
    // Its fan-out follows thousands of streams of one project, and its jobs of kinds no worker
    // runs are completed by the benchmark itself: neither is a tenant to protect others from.
    JETJOBS_SSE_MAX_PER_PROJECT: '1000000',
    JETJOBS_SSE_MAX_TOTAL: '1000000',
    JETJOBS_UNSERVED_KINDS: 'queue',
    ...extraEnv,
  };
  const services: Service[] = [startService('job-registry', 'apps/job-registry/dist/main.js', env)];
  const baseUrl = `http://127.0.0.1:${port}`;
  const token = signToken({ secret: SECRET, projectId: 'bench', scopes: [...SCOPES], ttlSeconds: 3600 });
  services.push(startService('gateway', 'apps/gateway/dist/main.js', env));
  await waitUntil(async () => (await fetch(`${baseUrl}/readyz`)).status === 200, services);
  const worker = startService('echo-worker', 'apps/echo-worker/dist/main.js', env);
  services.push(worker);
  await waitUntil(async () => worker.output().includes('ready'), services);
  return {
    name: 'jetjobs',
    namespace,
    baseUrl,
    token,
    pids: services.map((s) => s.child.pid ?? 0),
    processes: Object.fromEntries(services.map((s) => [s.name, s.child.pid ?? 0])),
    servers: { 'nats-server': /^\S*nats-server /, postgres: /^(\S*\/bin\/)?postgres[: ]/ },
    client: (maxSockets) => new JsonClient(baseUrl, { authorization: `Bearer ${token}` }, maxSockets),
    async submit(client) {
      const { status, body } = await client.send<{ id: string }>('POST', '/v1/jobs', { kind: 'echo', input: { steps: 5, step_ms: 0 } });
      if (status !== 202) throw new Error(`jetjobs submit answered ${status}`);
      return body.id;
    },
    async isCompleted(client, id) {
      const { body } = await client.send<{ status: string }>('GET', `/v1/jobs/${id}`);
      return body.status === 'completed';
    },
    async stop() {
      for (const service of [...services].reverse()) await service.stop();
      await dropNamespace(settings, namespace, database.toString());
    },
  };
}

async function dropNamespace(settings: StackSettings, namespace: string, databaseUrl: string): Promise<void> {
  const nc = await connectNats(settings.natsUrl, 'bench-cleanup');
  const jsm = await jetstreamManager(nc);
  const n = names(namespace);
  for (const stream of [n.jobsStream, n.workStream, n.advisoryStream, `KV_${n.idempotencyBucket}`, `OBJ_${n.mediaBucket}`]) {
    await jsm.streams.delete(stream).catch(() => false);
  }
  for await (const info of jsm.streams.list()) {
    if (info.config.name.toLowerCase().includes(namespace)) await jsm.streams.delete(info.config.name).catch(() => false);
  }
  await nc.close();
  const admin = new Client({ connectionString: settings.postgresUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${new URL(databaseUrl).pathname.slice(1)}" WITH (FORCE)`);
  await admin.end();
}
