import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestMicroservice } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { StoredEvent } from '@jetjobs/contracts';
import { EventStore } from '@jetjobs/event-store';
import { applyEventBatch, closeDatabase, openDatabase } from '@jetjobs/persistence';
import { dropTestDatabase, eventually, openTestEventStore, submitTestJob, testDatabaseUrl, testNatsUrl, type TestEventStore } from '@jetjobs/testing';
import { DATA_SOURCE } from '../database/database.providers';
import { RegistryHttpService } from '../http/registry-http.service';
import { RegistryReadiness } from '../http/registry-readiness';
import { createRegistryApp } from '../registry-app';
import { loadRegistryConfig } from '../registry-config';

const started = { type: 'JobStarted', data: { attempt: 1, workerId: 'w' } } as const;
const completed = { type: 'JobCompleted', data: { attempt: 1, result: null } } as const;
const failed = { type: 'JobFailed', data: { attempt: 1, error: { code: 'bad_input', message: 'no' } } } as const;

/** The value of one sample in Prometheus text, 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

describe('registry metrics from projected events', () => {
  let ctx: TestEventStore;
  let db: DataSource;
  let registry: INestMicroservice;
  let url: string;
  // A client's webhook endpoint: fails the first request, accepts the next.
  const answers = [500];
  let receiver: Server;

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      request.resume();
      response.writeHead(answers.shift() ?? 200).end();
    }).listen(0, '127.0.0.1');
    await once(receiver, 'listening');
    ctx = await openTestEventStore('rmet');
    db = await openDatabase(testDatabaseUrl(ctx.names.namespace));
    const first = await submitTestJob(ctx.store, { more: [started, completed] });
    await submitTestJob(ctx.store, { more: [started, completed] });
    await submitTestJob(ctx.store, { more: [started, failed] });
    // Another replica projected the first job already: it must not be counted again here.
    const done: StoredEvent[] = [];
    for await (const stored of ctx.store.replay({ fromSeq: 1 })) if (stored.seq <= first.lastSeq) done.push(stored);
    await applyEventBatch(db, 'jobs', done);

    registry = await createRegistryApp({
      config: loadRegistryConfig({ NATS_URL: testNatsUrl(), JETJOBS_NAMESPACE: ctx.names.namespace, DATABASE_URL: testDatabaseUrl(ctx.names.namespace), JETJOBS_HTTP_PORT: '0',
        JETJOBS_WEBHOOK_URL_ALLOWLIST: '127.0.0.1', JETJOBS_WEBHOOK_BACKOFF_BASE_MS: '50', JETJOBS_WEBHOOK_BACKOFF_MAX_MS: '100' }),
      background: { dispatcher: false, projector: true, webhooks: true },
      logger: false,
    });
    await registry.listen();
    url = registry.get(RegistryHttpService).url ?? '';
  });
  afterAll(async () => {
    await registry?.close();
    receiver?.close();
    await closeDatabase(db);
    await dropTestDatabase(testDatabaseUrl(ctx.names.namespace));
    await ctx.dispose();
  });

  it('counts each job once, only from the events this registry applied', async () => {
    const text = await eventually(async () => {
      const body = await (await fetch(`${url}/metrics`)).text();
      return sample(body, 'jetjobs_projection_lag_events') === 0 && sample(body, 'jetjobs_jobs_finished_total{kind="echo",status="failed"}') === 1 ? body : undefined;
    });
    expect(sample(text, 'jetjobs_jobs_finished_total{kind="echo",status="completed"}')).toBe(1);
    expect(sample(text, 'jetjobs_job_queue_seconds_count{kind="echo"}')).toBe(2);
    expect(sample(text, 'jetjobs_job_run_seconds_count{kind="echo",status="completed"}')).toBe(1);
    expect(sample(text, 'jetjobs_job_run_seconds_count{kind="echo",status="failed"}')).toBe(1);
    expect(sample(text, 'jetjobs_job_attempts_total{kind="echo",outcome="failed"}')).toBe(1);
    expect(sample(text, `jetjobs_consumer_lag{stream="${ctx.names.jobsStream}",consumer="projector"}`)).toBe(0);
  });

  it('is ready with PostgreSQL, NATS and its consumers, and says which consumer is not bound', async () => {
    const ready = await eventually(async () => {
      const response = await fetch(`${url}/readyz`);
      return response.status === 200 ? response : undefined;
    });
    expect(await ready.json()).toEqual({ status: 'ok' });
    const missing = new RegistryReadiness(registry.get(EventStore), registry.get<symbol, DataSource>(DATA_SOURCE), [{ stream: ctx.names.jobsStream, name: 'dispatcher' }]);
    await expect(missing.check()).rejects.toThrow(`consumer dispatcher on ${ctx.names.jobsStream} is not bound`);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it('counts each webhook request by its outcome', async () => {
    const { port } = receiver.address() as AddressInfo;
    const jobId = randomUUID();
    await ctx.store.append({
      jobId, kind: 'echo', projectId: 'project-a', expectedSeq: 0, expectedVersion: 0, correlationId: jobId, causationId: null,
      events: [{ type: 'JobSubmitted', data: { input: {}, webhookUrl: `http://127.0.0.1:${port}/hook` } }, started, completed],
    });
    const text = await eventually(async () => {
      const body = await (await fetch(`${url}/metrics`)).text();
      return sample(body, 'jetjobs_webhook_deliveries_total{outcome="delivered"}') === 1 ? body : undefined;
    });
    expect(sample(text, 'jetjobs_webhook_deliveries_total{outcome="retrying"}')).toBe(1);
    expect(sample(text, 'jetjobs_webhook_deliveries_total{outcome="gave_up"}')).toBe(0);
  });
});
