import { eventually, openTestEventStore, type TestEventStore } from '@jetjobs/testing';
import { startWorker, type Worker } from './index';

describe('worker metrics and health server', () => {
  let ctx: TestEventStore;
  let worker: Worker;

  beforeAll(async () => {
    ctx = await openTestEventStore('wobs');
    worker = await startWorker({ store: ctx.store, kind: 'echo', handler: async () => null, metricsPort: 0 });
  });
  afterAll(async () => {
    await worker?.stop(1_000);
    await ctx.dispose();
  });

  it('serves Prometheus text with the worker and process metrics', async () => {
    const response = await fetch(`${worker.metricsUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('jetjobs_worker_busy{kind="echo"} 0');
    expect(text).toContain('jetjobs_worker_frames_total{kind="echo"} 0');
    expect(text).toContain('process_cpu_seconds_total');
  });

  it('is ready while its work consumer is bound, not ready once it is gone, and live throughout', async () => {
    expect((await fetch(`${worker.metricsUrl}/readyz`)).status).toBe(200);
    await ctx.store.jsm.consumers.delete(ctx.names.workStream, ctx.names.workConsumer('echo'));
    const refused = await eventually(async () => {
      const response = await fetch(`${worker.metricsUrl}/readyz`);
      return response.status === 503 ? response : undefined;
    });
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toEqual({ status: 'unavailable', reason: expect.stringContaining('work consumer work-echo is not bound') });
    expect((await fetch(`${worker.metricsUrl}/healthz`)).status).toBe(200);
  });

  it('answers other paths with 404 and starts no server without a port', async () => {
    expect((await fetch(`${worker.metricsUrl}/nope`)).status).toBe(404);
    const quiet = await startWorker({ store: ctx.store, kind: 'quiet', handler: async () => null, metricsPort: null });
    expect(quiet.metricsUrl).toBeNull();
    await quiet.stop(1_000);
  });
});
