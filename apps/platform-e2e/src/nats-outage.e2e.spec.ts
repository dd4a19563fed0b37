import { randomBytes } from 'node:crypto';
import { signToken } from '@jetjobs/auth';
import { dropTestDatabase, eventually, freePort, NatsServerProcess, testDatabaseUrl, testNamespace } from '@jetjobs/testing';
import { ServiceProcesses, waitForOutput } from './support/service-processes';

const SECRET = randomBytes(32).toString('hex');
/**
 * The outage lasts until the worker started during it has waited its longest backoff (10 s)
 * twice, about 26 s of tries: longer than every request, fetch and heartbeat timeout the services
 * use, so none can hide it.
 */
const LONGEST_BACKOFF = /("retry_in_ms":10000[\s\S]*){2}/;
const OUTAGE_LIMIT_MS = 90_000;

/**
 * A NATS outage of any length: no service exits, the gateway says it cannot serve (not-ready,
 * 503 with Retry-After, never a 500) and work resumes by itself when NATS is back.
 */
describe('a NATS outage', () => {
  const namespace = testNamespace('outage');
  const databaseUrl = testDatabaseUrl(namespace);
  const services = new ServiceProcesses();
  let nats: NatsServerProcess;
  let baseUrl: string;
  let env: Record<string, string>;
  const headers = () => ({
    authorization: `Bearer ${signToken({ secret: SECRET, projectId: 'outage', scopes: ['job:read', 'job:write'], ttlSeconds: 600 })}`,
    'content-type': 'application/json',
  });
  const submitEcho = (message: string) =>
    fetch(`${baseUrl}/v1/jobs`, { method: 'POST', headers: headers(), body: JSON.stringify({ kind: 'echo', input: { message } }) });
  const completed = (id: string) =>
    eventually(async () => {
      const response = await fetch(`${baseUrl}/v1/jobs/${id}`, { headers: headers() });
      const body = (await response.json()) as { status?: string };
      return body.status === 'completed' ? body : undefined;
    }, 60_000, 200);

  beforeAll(async () => {
    nats = await NatsServerProcess.start('listen: 127.0.0.1:{{port}}\njetstream { store_dir: "{{dir}}/jetstream" }');
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    env = { NATS_URL: nats.url(), JETJOBS_NAMESPACE: namespace };
    await waitForOutput(services.start('job-registry', { ...env, DATABASE_URL: databaseUrl }), /successfully started/);
    await waitForOutput(services.start('echo-worker', env), /echo-worker .* ready/);
    services.start('gateway', { ...env, GATEWAY_HOST: '127.0.0.1', GATEWAY_PORT: String(port), JWT_SECRET: SECRET });
    await eventually(() => fetch(`${baseUrl}/readyz`).then((r) => (r.status === 200 ? true : undefined), () => undefined), 45_000, 200);
  }, 90_000);

  afterAll(async () => {
    await services.stopAll();
    await nats?.stop();
    await dropTestDatabase(databaseUrl).catch(() => undefined);
  });

  it('leaves every service running, starts a new one that waits, answers 503 with Retry-After meanwhile, and resumes work afterwards', async () => {
    const before = await submitEcho('before');
    expect(before.status).toBe(202);
    await completed(((await before.json()) as { id: string }).id);

    await nats.kill();
    // A replica started (or restarted) during the outage waits for NATS instead of exiting.
    const lateWorker = services.start('echo-worker', env);
    const lateWorkerBackedOff = waitForOutput(lateWorker, LONGEST_BACKOFF, OUTAGE_LIMIT_MS);
    const lateWorkerReady = waitForOutput(lateWorker, /echo-worker .* ready/, OUTAGE_LIMIT_MS + 45_000);
    await eventually(() => fetch(`${baseUrl}/readyz`).then((r) => (r.status === 503 ? true : undefined)), 15_000, 200);
    const refused = await submitEcho('during');
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('unavailable');
    // Liveness is not readiness: the process answers while it cannot serve.
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
    await lateWorkerBackedOff;
    expect(services.exited()).toEqual([]);

    await nats.relaunch();
    await lateWorkerReady;
    await eventually(() => fetch(`${baseUrl}/readyz`).then((r) => (r.status === 200 ? true : undefined), () => undefined), 30_000, 200);
    const after = await eventually(async () => {
      const response = await submitEcho('after');
      return response.status === 202 ? ((await response.json()) as { id: string }) : undefined;
    }, 30_000, 500);
    await completed(after.id);
    expect(services.exited()).toEqual([]);
  }, 180_000);
});
