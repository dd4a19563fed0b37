import { eventually, openSse, scriptedHandler } from '@jetjobs/testing';
import { startWorker, type Worker } from '@jetjobs/worker-runtime';
import { pollUntil, submitJob } from './support/api';
import { KIND, startPlatform, type TestPlatform } from './support/platform';
import { Scrape } from './support/scrape';

const kind = { kind: KIND };
const TERMINAL = ['completed', 'failed', 'cancelled'];

/** Scrapes every service until `check` holds, and returns the last scrapes. */
async function scrapesWhen(urls: { gateway: string; registry: string; worker: string }, check: (s: Scrapes) => boolean): Promise<Scrapes> {
  let last: Scrapes | undefined;
  try {
    return await eventually(async () => {
      last = { gateway: await Scrape.of(urls.gateway), registry: await Scrape.of(urls.registry), worker: await Scrape.of(urls.worker) };
      return check(last) ? last : undefined;
    });
  } catch (error) {
    if (last !== undefined) return last; // the assertions that follow say what did not move
    throw error;
  }
}
interface Scrapes {
  readonly gateway: Scrape;
  readonly registry: Scrape;
  readonly worker: Scrape;
}

describe('metrics of every service while jobs run', () => {
  let platform: TestPlatform;
  let worker: Worker;
  let urls: { gateway: string; registry: string; worker: string };
  beforeAll(async () => {
    platform = await startPlatform('metrics');
    worker = await startWorker({ store: platform.events.store, kind: KIND, handler: scriptedHandler, ackWaitMs: 2_000, maxDeliver: 3, concurrency: 2, metricsPort: 0 });
    urls = { gateway: platform.url(), registry: platform.registryHttpUrl(), worker: worker.metricsUrl! };
  });
  afterAll(async () => {
    await worker?.stop(1_000);
    await platform?.close();
  });

  it('moves the job counters and histograms by exactly the jobs run, then settles the backlogs at 0', async () => {
    const before = await scrapesWhen(urls, () => true);
    const ids = await Promise.all([
      submitJob(platform, { steps: 2 }),
      submitJob(platform, { steps: 3 }),
      submitJob(platform, { steps: 1, failAttempts: 1, failWith: 'permanent' }),
    ]);
    for (const id of ids) await pollUntil(platform, id, (job) => TERMINAL.includes(job.status));

    const moved = (s: Scrapes, service: keyof Scrapes, name: string, labels: Record<string, string>) => s[service].value(name, labels) - before[service].value(name, labels);
    const after = await scrapesWhen(urls, (s) =>
      moved(s, 'registry', 'jetjobs_jobs_finished_total', { ...kind, status: 'completed' }) >= 2 &&
      moved(s, 'registry', 'jetjobs_jobs_finished_total', { ...kind, status: 'failed' }) >= 1 &&
      s.registry.value('jetjobs_projection_lag_events') === 0 &&
      s.registry.value('jetjobs_work_pending', kind) === 0 &&
      s.worker.value('jetjobs_worker_busy', kind) === 0,
    );

    // The gateway counts what it accepted, by API, and every request by its route template.
    expect(moved(after, 'gateway', 'jetjobs_jobs_submitted_total', { ...kind, api: 'native' })).toBe(3);
    expect(moved(after, 'gateway', 'jetjobs_http_requests_total', { route: '/v1/jobs', method: 'POST', status: '202' })).toBe(3);
    expect(moved(after, 'gateway', 'jetjobs_http_request_seconds_count', { route: '/v1/jobs' })).toBe(3);
    expect(moved(after, 'gateway', 'jetjobs_http_requests_total', { route: '/v1/jobs/:id', method: 'GET', status: '200' })).toBeGreaterThanOrEqual(3);
    expect(after.gateway.value('jetjobs_http_requests_total', { route: `/v1/jobs/${ids[0]}`, method: 'GET', status: '200' })).toBe(0);

    // The registry derives outcomes and durations from the events, each once.
    expect(moved(after, 'registry', 'jetjobs_jobs_finished_total', { ...kind, status: 'completed' })).toBe(2);
    expect(moved(after, 'registry', 'jetjobs_jobs_finished_total', { ...kind, status: 'failed' })).toBe(1);
    expect(moved(after, 'registry', 'jetjobs_job_queue_seconds_count', kind)).toBe(3);
    expect(moved(after, 'registry', 'jetjobs_job_run_seconds_count', { ...kind, status: 'completed' })).toBe(2);
    expect(moved(after, 'registry', 'jetjobs_job_run_seconds_count', { ...kind, status: 'failed' })).toBe(1);
    expect(moved(after, 'registry', 'jetjobs_job_attempts_total', { ...kind, outcome: 'completed' })).toBe(2);
    expect(moved(after, 'registry', 'jetjobs_job_attempts_total', { ...kind, outcome: 'failed' })).toBe(1);
    expect(after.registry.value('jetjobs_projection_lag_events')).toBe(0);
    expect(after.registry.value('jetjobs_work_pending', kind)).toBe(0);
    expect(after.registry.value('jetjobs_consumer_lag', { stream: platform.events.names.workStream, consumer: `work-${KIND}` })).toBe(0);

    // The worker ran three deliveries, reported every frame, and is idle again.
    expect(moved(after, 'worker', 'jetjobs_worker_deliveries_total', { ...kind, action: 'ran' })).toBe(3);
    expect(moved(after, 'worker', 'jetjobs_worker_frames_total', kind)).toBe(2 + 3 + 1);
    expect(after.worker.value('jetjobs_worker_busy', kind)).toBe(0);

    for (const service of ['gateway', 'registry', 'worker'] as const) expect(after[service].has('process_cpu_seconds_total')).toBe(true);
  });

  it('shows a job waiting for a worker in work_pending, the autoscaling signal', async () => {
    await worker.stop(1_000);
    const id = await submitJob(platform, { steps: 1 });
    await eventually(async () => ((await Scrape.of(urls.registry)).value('jetjobs_work_pending', kind) === 1 ? true : undefined));
    worker = await startWorker({ store: platform.events.store, kind: KIND, handler: scriptedHandler, ackWaitMs: 2_000, maxDeliver: 3, metricsPort: 0 });
    urls = { ...urls, worker: worker.metricsUrl! };
    await pollUntil(platform, id, (job) => job.status === 'completed');
    await eventually(async () => ((await Scrape.of(urls.registry)).value('jetjobs_work_pending', kind) === 0 ? true : undefined));
  });

  it('counts an open event stream while it is open, and not after', async () => {
    const id = await submitJob(platform, { waitForCancel: true });
    const open = async () => (await Scrape.of(urls.gateway)).value('jetjobs_sse_connections', { api: 'native' });
    const idle = await open();
    const stream = await openSse(`${platform.url()}/v1/jobs/${id}/events`, { authorization: `Bearer ${platform.token()}` });
    await eventually(async () => ((await open()) === idle + 1 ? true : undefined));
    stream.close();
    await eventually(async () => ((await open()) === idle ? true : undefined));
    await platform.request(`/v1/jobs/${id}/cancel`, { method: 'POST', body: '{}' });
  });

  it('counts requests that match no route under one label, never their raw paths', async () => {
    const before = await Scrape.of(urls.gateway);
    for (const path of ['/nope', '/v1/nope/1', '/v1/nope/2']) expect((await platform.request(path)).status).toBe(404);
    const after = await Scrape.of(urls.gateway);
    const unmatched = { route: 'unmatched', method: 'GET', status: '404' };
    expect(after.value('jetjobs_http_requests_total', unmatched) - before.value('jetjobs_http_requests_total', unmatched)).toBe(3);
    expect(after.has('jetjobs_http_requests_total{route="/nope"')).toBe(false);
  });

  it('answers liveness and readiness on the registry and the worker', async () => {
    for (const base of [urls.registry, urls.worker]) {
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const ready = await fetch(`${base}/readyz`);
      expect({ base, status: ready.status, body: await ready.json() }).toEqual({ base, status: 200, body: { status: 'ok' } });
    }
  });

  // Last: it exhausts this address's failed-authentication allowance.
  it('counts refusals with 429 by route', async () => {
    const route = { route: '/v1/jobs/:id' };
    const before = (await Scrape.of(urls.gateway)).value('jetjobs_rate_limited_total', route);
    const statuses: number[] = [];
    for (let i = 0; i < 60 && !statuses.includes(429); i++) statuses.push((await platform.request(`/v1/jobs/${crypto.randomUUID()}`, { token: 'not-a-token' })).status);
    expect(statuses.at(-1)).toBe(429);
    const after = await Scrape.of(urls.gateway);
    expect(after.value('jetjobs_rate_limited_total', route) - before).toBe(1);
    expect(after.value('jetjobs_http_requests_total', { ...route, method: 'GET', status: '429' })).toBeGreaterThanOrEqual(1);
  });
});
