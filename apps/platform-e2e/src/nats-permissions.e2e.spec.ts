import { randomBytes } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { signToken } from '@jetjobs/auth';
import { names as namesFor } from '@jetjobs/contracts';
import { deploymentRoles, inboxPrefixOf, natsServerAuthorization, type NatsRole } from '@jetjobs/event-store';
import { dropTestDatabase, eventually, freePort, NatsServerProcess, testDatabaseUrl, testNamespace } from '@jetjobs/testing';
import { ServiceProcesses, waitForOutput } from './support/service-processes';

const SECRET = randomBytes(32).toString('hex');

/**
 * The platform on a nats-server that enforces the shipped least-privilege users: every service
 * runs as its own user and does its whole job with no permission violation, while a worker's
 * credentials cannot reach the registry's secrets.
 */
describe('least-privilege NATS users', () => {
  const namespace = testNamespace('perm');
  const names = namesFor(namespace);
  const roles = deploymentRoles(['echo']);
  const passwords = Object.fromEntries(roles.map((role) => [role, randomBytes(12).toString('hex')])) as Record<NatsRole, string>;
  const databaseUrl = testDatabaseUrl(namespace);
  const services = new ServiceProcesses();
  let server: NatsServerProcess;
  let baseUrl: string;

  const serviceEnv = (role: NatsRole): Record<string, string> => ({
    NATS_URL: server.url(),
    NATS_USER: role,
    NATS_PASSWORD: passwords[role],
    NATS_INBOX_PREFIX: inboxPrefixOf(role),
    JETJOBS_NAMESPACE: namespace,
    JETJOBS_MANAGE_STREAMS: role === 'registry' ? 'true' : 'false',
  });
  const connectAs = (role: NatsRole): Promise<NatsConnection> =>
    connect({ servers: server.url(), user: role, pass: passwords[role], inboxPrefix: inboxPrefixOf(role) });

  beforeAll(async () => {
    const authorization = natsServerAuthorization(names, roles, (role) => JSON.stringify(passwords[role]));
    server = await NatsServerProcess.start(`listen: 127.0.0.1:{{port}}\njetstream { store_dir: "{{dir}}/jetstream" }\n${authorization}`);
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const registry = services.start('job-registry', { ...serviceEnv('registry'), DATABASE_URL: databaseUrl });
    await waitForOutput(registry, /ready|listening|started/i);
    await waitForOutput(services.start('echo-worker', serviceEnv('worker-echo')), /echo-worker .* ready/);
    services.start('gateway', { ...serviceEnv('gateway'), GATEWAY_HOST: '127.0.0.1', GATEWAY_PORT: String(port), JWT_SECRET: SECRET });
    await eventually(() => fetch(`${baseUrl}/readyz`).then((r) => (r.status === 200 ? true : undefined), () => undefined), 45_000, 200);
  }, 90_000);

  afterAll(async () => {
    await services.stopAll();
    await server?.stop();
    await dropTestDatabase(databaseUrl).catch(() => undefined);
  });

  it('runs a job end to end with every service on its own user, with no permission violation', async () => {
    const token = signToken({ secret: SECRET, projectId: 'perm', scopes: ['job:read', 'job:write'], ttlSeconds: 600 });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const submitted = await fetch(`${baseUrl}/v1/jobs`, { method: 'POST', headers, body: JSON.stringify({ kind: 'echo', input: { message: 'least privilege' } }) });
    expect(submitted.status).toBe(202);
    const { id } = (await submitted.json()) as { id: string };
    const job = await eventually(async () => {
      const body = (await (await fetch(`${baseUrl}/v1/jobs/${id}`, { headers })).json()) as { status: string; result: unknown };
      return body.status === 'completed' ? body : undefined;
    }, 30_000, 100);
    expect(job.result).toEqual({ echo: 'least privilege' });
    // The operators' views read the job list, failures, streams, consumers and the projection.
    const admin = { authorization: `Bearer ${signToken({ secret: SECRET, projectId: 'ops', scopes: ['admin'], ttlSeconds: 600 })}` };
    for (const path of ['/v1/admin/operations', '/v1/admin/jobs', '/v1/admin/failure-groups', '/metrics']) {
      const response = await fetch(`${baseUrl}${path}`, { headers: admin });
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
    }
    // The server logs each refused publish or subscription as a "… Violation" error.
    expect(server.output()).not.toMatch(/Violation/);
  }, 60_000);

  it("refuses a worker's user the registry's commands and queries, other kinds' subjects and other users' inboxes", async () => {
    const nc = await connectAs('worker-echo');
    try {
      await expect(nc.request(names.query('webhook-secret'), JSON.stringify({ projectId: 'perm' }), { timeout: 3_000 })).rejects.toThrow(/[Pp]ermission/);
      await expect(nc.request(names.command('api-key-create'), '{}', { timeout: 3_000 })).rejects.toThrow(/[Pp]ermission/);
      await expect(nc.request(names.command('submit'), '{}', { timeout: 3_000 })).rejects.toThrow(/[Pp]ermission/);
      const refused: string[] = [];
      void (async () => {
        for await (const status of nc.status()) if (status.type === 'error') refused.push(String(status.error));
      })();
      nc.publish(names.jobSubject('other-kind', 'a'), '{}');
      nc.subscribe('_INBOX_gateway.>');
      nc.subscribe('_INBOX.>');
      await nc.flush();
      const expected = [`Publish to "${names.jobSubject('other-kind', 'a')}"`, 'Subscription to "_INBOX_gateway.>"', 'Subscription to "_INBOX.>"'];
      await eventually(async () => (expected.every((text) => refused.some((error) => error.includes(text))) ? true : undefined), 10_000);
    } finally {
      await nc.close();
    }
  });

  it("refuses the gateway's user webhook secrets, API-key creation and stream changes", async () => {
    const nc = await connectAs('gateway');
    try {
      await expect(nc.request(names.query('webhook-secret'), JSON.stringify({ projectId: 'perm' }), { timeout: 3_000 })).rejects.toThrow(/[Pp]ermission/);
      await expect(nc.request(names.command('api-key-create'), '{}', { timeout: 3_000 })).rejects.toThrow(/[Pp]ermission/);
      await expect(nc.request(`$JS.API.STREAM.DELETE.${names.jobsStream}`, '', { timeout: 3_000 })).rejects.toThrow(/[Pp]ermission/);
    } finally {
      await nc.close();
    }
  });
});
