import { eventually, openSse, readSse, type SseConnection, type SseMessage } from '@jetjobs/testing';
import { createGatewayApp } from '../gateway-app';
import { LiveEventHub } from '../live-events/live-event-hub';
import { errorOf, jsonPost, startTestGateway, type TestGateway } from '../testing/test-gateway';
import { startTestRegistry, type TestRegistry } from '../testing/test-registry';
import { appendToJob, completed, progressed, started } from '../testing/worker-events';

// The gateway and the real job-registry on one namespace; the events a worker would append are
// appended straight to the stream.
describe('job event streams (SSE) with job-registry', () => {
  let gw: TestGateway;
  let registry: TestRegistry;
  let token: string;
  beforeAll(async () => {
    gw = await startTestGateway('gwsse', { JETJOBS_SSE_KEEPALIVE_MS: '100' });
    registry = await startTestRegistry(gw.config.JETJOBS_NAMESPACE);
    token = gw.token(['job:read', 'job:write']);
  }, 30_000);
  afterAll(async () => {
    await gw.close();
    await registry?.close();
  });

  const submit = async (input: unknown = { n: 1 }): Promise<string> => {
    const response = await gw.request('/v1/jobs', jsonPost({ kind: 'echo', input }, token));
    expect(response.status).toBe(202);
    return ((await response.json()) as { id: string }).id;
  };
  const stream = (jobId: string, headers: Record<string, string> = {}) =>
    openSse(`${gw.url}/v1/jobs/${jobId}/events`, { authorization: `Bearer ${token}`, ...headers });
  /** Every message until the server ends the stream (a stream that never ends times the test out). */
  const rest = (sse: SseConnection) => readSse(sse, () => false);
  const versions = (messages: SseMessage[]) => messages.map((m) => Number(m.id));

  it('streams history then live events, each version once, and ends after the terminal event', async () => {
    const jobId = await submit();
    const sse = await stream(jobId);
    expect(sse.status).toBe(200);
    expect(sse.headers.get('content-type')).toContain('text/event-stream');
    expect(sse.headers.get('cache-control')).toBe('no-cache');
    expect(sse.headers.get('x-accel-buffering')).toBe('no');
    const history = await readSse(sse, () => true);

    await appendToJob(gw.events.store, jobId, [started(), progressed(40)]);
    const live = await readSse(sse, (m) => m.id === '3');
    await appendToJob(gw.events.store, jobId, [completed({ ok: true })]);
    const last = await rest(sse);

    const all = [...history, ...live, ...last];
    expect(all.map((m) => m.event)).toEqual(['JobSubmitted', 'JobStarted', 'JobProgressed', 'JobCompleted']);
    expect(versions(all)).toEqual([1, 2, 3, 4]);
    // The worker's id names its host: tenants get an opaque one.
    expect(JSON.parse(all[1]!.data).data.worker_id).toMatch(/^w_[0-9a-f]{16}$/);
    expect(JSON.parse(all[2]!.data)).toMatchObject({
      job_id: jobId,
      type: 'JobProgressed',
      version: 3,
      occurred_at: expect.any(String),
      data: { attempt: 1, progress: 40, frames_completed: 40, frame_count: 100 },
    });
    expect(JSON.parse(all[3]!.data)).toMatchObject({ data: { result: { ok: true } } });
  });

  it('resumes after Last-Event-ID with no gap and no duplicate, from the header or the query', async () => {
    const jobId = await submit();
    await appendToJob(gw.events.store, jobId, [started(), progressed(10), progressed(90), completed('done')]);

    expect(versions(await rest(await stream(jobId, { 'last-event-id': '2' })))).toEqual([3, 4, 5]);
    const fromQuery = await openSse(`${gw.url}/v1/jobs/${jobId}/events?last_event_id=4&access_token=${gw.streamToken(jobId)}`);
    expect(versions(await rest(fromQuery))).toEqual([5]);

    // Resuming after the terminal event of a finished job: nothing more will come, so it ends.
    const atEnd = await stream(jobId, { 'last-event-id': '5' });
    expect(atEnd.status).toBe(200);
    expect(await rest(atEnd)).toEqual([]);
  });

  it('answers 404 JSON, not a stream, for another project and for an unknown job', async () => {
    const jobId = await submit();
    const other = await gw.request(`/v1/jobs/${jobId}/events`, { token: gw.token(['job:read'], 'project-b') });
    expect(await errorOf(other)).toMatchObject({ status: 404, code: 'job_not_found' });
    const unknown = await gw.request('/v1/jobs/00000000-0000-4000-8000-000000000000/events', { token });
    expect(unknown.headers.get('content-type')).toContain('application/json');
    expect(await errorOf(unknown)).toMatchObject({ status: 404, code: 'job_not_found' });
  });

  it('sends keepalive comments while idle and lets go of the job when the client leaves', async () => {
    const hub = gw.app.get(LiveEventHub);
    const before = hub.watchedJobs;
    const jobId = await submit();
    const sse = await stream(jobId);
    await readSse(sse, () => true);
    // Keep reading in the background: comments are collected while the next event is awaited.
    const reading = sse.messages.next();
    await eventually(async () => (sse.comments.filter((c) => c === 'keepalive').length >= 2 ? true : undefined), 5_000);
    expect(hub.watchedJobs).toBe(before + 1);

    sse.close();
    await reading;
    await eventually(async () => (hub.watchedJobs === before ? true : undefined), 5_000);
  });

  it('ends its streams when a gateway shuts down, and the client resumes on another one', async () => {
    const other = await createGatewayApp(gw.config, { logger: ['error'] });
    await other.listen(0, '127.0.0.1');
    const jobId = await submit();
    await appendToJob(gw.events.store, jobId, [started()]);
    const first = await openSse(`${await other.getUrl()}/v1/jobs/${jobId}/events`, { authorization: `Bearer ${token}` });
    const before = await readSse(first, (m) => m.id === '2');

    await other.close();
    expect(await rest(first)).toEqual([]);
    await appendToJob(gw.events.store, jobId, [progressed(70), completed(null)]);
    const resumed = await stream(jobId, { 'last-event-id': before.at(-1)!.id! });
    expect(versions([...before, ...(await rest(resumed))])).toEqual([1, 2, 3, 4]);
  });
});
