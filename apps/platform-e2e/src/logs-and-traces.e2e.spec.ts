import { randomBytes } from 'node:crypto';
import { signToken } from '@jetjobs/auth';
import { dropTestDatabase, eventually, freePort, testDatabaseUrl, testNamespace, testNatsUrl } from '@jetjobs/testing';
import { JsonLogProcess } from './support/json-log-process';
import { OtlpReceiver, type ReceivedSpan } from './support/otlp-receiver';

const SECRET = randomBytes(32).toString('hex');
const SERVICES = ['gateway', 'job-registry', 'echo-worker'] as const;

/**
 * The observability contract, on the built services as processes (each its own tracer,
 * as in production): JSON log lines that name the job, one access line per request, and one trace
 * per submit from the gateway through the registry to the worker, exported to an OTLP receiver.
 */
describe('logs and traces across the services', () => {
  const namespace = testNamespace('obs');
  const databaseUrl = testDatabaseUrl(namespace);
  const token = signToken({ secret: SECRET, projectId: 'obs', scopes: ['job:read', 'job:write'], ttlSeconds: 600 });
  const adminToken = signToken({ secret: SECRET, projectId: 'ops', scopes: ['admin'], ttlSeconds: 600 });
  let receiver: OtlpReceiver;
  let processes: Record<(typeof SERVICES)[number], JsonLogProcess>;
  let baseUrl: string;

  const waitForLine = (process: JsonLogProcess, pattern: RegExp) =>
    eventually(async () => {
      if (process.exited()) throw new Error(`${process.name} exited:\n${process.output}`);
      return process.lines().some((line) => pattern.test(String(line['msg']))) ? true : undefined;
    }, 45_000, 100);

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const env = { NATS_URL: testNatsUrl(), JETJOBS_NAMESPACE: namespace, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url(), JETJOBS_LOG_FORMAT: 'json' };
    const registry = JsonLogProcess.start('apps/job-registry/dist/main.js', { ...env, DATABASE_URL: databaseUrl });
    await waitForLine(registry, /successfully started/);
    const worker = JsonLogProcess.start('apps/echo-worker/dist/main.js', env);
    await waitForLine(worker, /echo-worker .* ready/);
    const gateway = JsonLogProcess.start('apps/gateway/dist/main.js', { ...env, GATEWAY_HOST: '127.0.0.1', GATEWAY_PORT: String(port), JWT_SECRET: SECRET });
    processes = { gateway, 'job-registry': registry, 'echo-worker': worker };
    await eventually(() => fetch(`${baseUrl}/readyz`).then((r) => (r.status === 200 ? true : undefined), () => undefined), 45_000, 200);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(Object.values(processes ?? {}).map((process) => process.stop()));
    await receiver?.close();
    await dropTestDatabase(databaseUrl).catch(() => undefined);
  }, 60_000);

  const request = (path: string, init: RequestInit = {}, bearer = token) =>
    fetch(`${baseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', ...init.headers } });

  async function completedJob(headers: Record<string, string>): Promise<string> {
    const submitted = await request('/v1/jobs', { method: 'POST', headers, body: JSON.stringify({ kind: 'echo', input: { message: 'trace me' } }) });
    expect(submitted.status).toBe(202);
    const { id } = (await submitted.json()) as { id: string };
    await eventually(async () => ((await (await request(`/v1/jobs/${id}`)).json()) as { status: string }).status === 'completed' || undefined, 30_000, 100);
    return id;
  }

  it("joins one submit's gateway, registry and worker spans in the caller's trace, recorded in the job's events", async () => {
    const traceId = randomBytes(16).toString('hex');
    const callerSpan = randomBytes(8).toString('hex');
    const id = await completedJob({ traceparent: `00-${traceId}-${callerSpan}-01` });

    const spans = await eventually(async () => {
      const mine = receiver.spans.filter((span) => span.traceId === traceId);
      return SERVICES.every((service) => mine.some((span) => span.service === service)) && mine.some((span) => span.name === 'echo attempt') ? mine : undefined;
    }, 30_000, 100);
    const one = (service: string, name: string | RegExp, parent?: ReceivedSpan) => {
      const found = spans.find((span) => span.service === service && (typeof name === 'string' ? span.name === name : name.test(span.name)) && (parent === undefined || span.parentSpanId === parent.spanId));
      if (!found) throw new Error(`no ${service} span ${String(name)} under ${parent?.name ?? 'any'} in ${JSON.stringify(spans, null, 1)}`);
      return found;
    };
    const edge = one('gateway', 'POST /v1/jobs');
    expect(edge.parentSpanId).toBe(callerSpan);
    expect(edge.attributes).toMatchObject({ 'http.route': '/v1/jobs', 'http.response.status_code': 202 });
    const submit = one('job-registry', 'registry cmd.submit', edge);
    const dispatch = one('job-registry', 'dispatch JobSubmitted', submit);
    const attempt = one('echo-worker', 'echo attempt', dispatch);
    expect(attempt.attributes).toMatchObject({ 'jetjobs.job_id': id, 'jetjobs.attempt': 1 });

    const page = await request(`/v1/admin/events?job=${id}`, {}, adminToken);
    expect(page.status).toBe(200);
    const { items } = (await page.json()) as { items: { type: string; trace_id: string | null }[] };
    expect(items.map((event) => event.type)).toEqual(expect.arrayContaining(['JobSubmitted', 'JobStarted', 'JobCompleted']));
    expect(items.every((event) => event.trace_id === traceId)).toBe(true);
  });

  it("writes JSON lines that name the job, its trace and the request in every service", async () => {
    const traceId = randomBytes(16).toString('hex');
    const id = await completedJob({ traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`, 'x-request-id': 'obs-request-1' });

    const lines = await eventually(async () => {
      const worker = processes['echo-worker'].lines().filter((line) => line['job_id'] === id);
      return worker.some((line) => line['msg'] === 'attempt finished') ? worker : undefined;
    });
    for (const line of lines) expect(line).toMatchObject({ service: 'echo-worker', level: 'info', kind: 'echo', attempt: 1, project_id: 'obs', trace_id: traceId });
    expect(lines.map((line) => line['msg'])).toEqual(['attempt started', 'attempt finished']);
    expect(lines[1]).toMatchObject({ outcome: 'CompleteJob', duration_ms: expect.any(Number) });

    const registry = processes['job-registry'].lines().filter((line) => line['job_id'] === id);
    expect(registry).toContainEqual(expect.objectContaining({ service: 'job-registry', level: 'info', msg: 'job submitted', kind: 'echo', project_id: 'obs', request_id: 'obs-request-1', trace_id: traceId }));

    const access = processes.gateway.lines().find((line) => line['request_id'] === 'obs-request-1');
    expect(access).toMatchObject({
      service: 'gateway', level: 'info', msg: 'request', method: 'POST', route: '/v1/jobs', status: 202,
      project_id: 'obs', trace_id: traceId, bytes: expect.any(Number), duration_ms: expect.any(Number),
    });
    expect(access!['bytes']).toBeGreaterThan(0);
    // Every line of every service is JSON with the three fields every line has (Nest's own too).
    for (const [service, process] of Object.entries(processes)) {
      for (const line of process.lines()) expect(line).toMatchObject({ service, level: expect.any(String), msg: expect.any(String) });
    }
  });

  it('returns a request id it drew, and never logs the Authorization header or a token in the query', async () => {
    const queryToken = `qt-${randomBytes(12).toString('hex')}`;
    const answered = await request(`/v1/jobs/00000000-0000-4000-8000-000000000000?access_token=${queryToken}`);
    expect(answered.status).toBe(404);
    const requestId = answered.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    const access = await eventually(async () => processes.gateway.lines().find((line) => line['request_id'] === requestId));
    expect(access).toMatchObject({ route: '/v1/jobs/:id', path: '/v1/jobs/00000000-0000-4000-8000-000000000000', status: 404 });
    for (const process of Object.values(processes)) {
      expect(process.output).not.toContain(queryToken);
      expect(process.output).not.toContain(token);
    }
  });
});
