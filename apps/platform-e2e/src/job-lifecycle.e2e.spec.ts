import { openSse, readSse, type SseMessage } from '@jetjobs/testing';
import { getJob, pollUntil, submitJob } from './support/api';
import { startPlatform, type TestPlatform } from './support/platform';

const TERMINAL = new Set(['JobCompleted', 'JobFailed', 'JobCancelled']);
const isTerminal = (message: SseMessage) => TERMINAL.has(message.event ?? '');

describe('job lifecycle through the native API', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startPlatform('life');
    await platform.startWorker();
  });
  afterAll(() => platform.close());

  const events = (id: string, headers: Record<string, string> = {}) =>
    openSse(`${platform.url()}/v1/jobs/${id}/events`, { authorization: `Bearer ${platform.token()}`, ...headers });

  it('goes queued → processing → completed, seen by polling and by SSE in order', async () => {
    const id = await submitJob(platform, { steps: 4, stepMs: 100 });
    const stream = await events(id);
    const { job, statuses } = await pollUntil(platform, id, (j) => j.status === 'completed');
    const messages = await readSse(stream, isTerminal);

    expect(statuses.at(-1)).toBe('completed');
    expect(statuses.filter((s) => !['queued', 'processing', 'completed'].includes(s))).toEqual([]);
    expect(statuses).toContain('processing');
    expect(job).toMatchObject({ attempt: 1, progress: 100, result: { steps: 4, attempt: 1 }, error: null });
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(messages.map((m) => m.event)).toEqual([
      'JobSubmitted', 'JobStarted', 'JobLogged', 'JobProgressed', 'JobProgressed', 'JobProgressed', 'JobProgressed', 'JobCompleted',
    ]);
    expect(messages.map((m) => Number(m.id))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(JSON.parse(messages[3]!.data)).toMatchObject({ job_id: id, type: 'JobProgressed', version: 4, data: { progress: 25 } });
  });

  it('resumes with Last-Event-ID mid-job with no gap and no duplicate, also across a gateway restart', async () => {
    const id = await submitJob(platform, { steps: 6, stepMs: 150 });
    const first = await events(id);
    const head = await readSse(first, (m) => m.event === 'JobProgressed');
    first.close();
    await platform.restartGateway();

    const resumed = await events(id, { 'last-event-id': head.at(-1)!.id! });
    const tail = await readSse(resumed, isTerminal);
    const versions = [...head, ...tail].map((m) => Number(m.id));
    expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1));
    expect(tail.at(-1)!.event).toBe('JobCompleted');
    expect((await resumed.messages.next()).done).toBe(true); // the stream ends after the terminal event
  });

  it('replays the whole history of a finished job and ends', async () => {
    const id = await submitJob(platform, { steps: 1 });
    await pollUntil(platform, id, (j) => j.status === 'completed');
    const stream = await events(id);
    const messages = await readSse(stream, () => false);
    expect(messages.map((m) => m.event)).toEqual(['JobSubmitted', 'JobStarted', 'JobLogged', 'JobProgressed', 'JobCompleted']);
  });

  it('cancels a running job: the handler stops and the job ends cancelled', async () => {
    const id = await submitJob(platform, { steps: 1, waitForCancel: true });
    await pollUntil(platform, id, (j) => j.progress === 100);
    const response = await platform.request(`/v1/jobs/${id}/cancel`, { method: 'POST', body: JSON.stringify({ reason: 'no longer needed' }) });
    expect(response.status).toBe(200);

    const { job } = await pollUntil(platform, id, (j) => j.status === 'cancelled');
    expect(job.error).toEqual({ code: 'cancelled', message: 'no longer needed' });
    const again = await platform.request(`/v1/jobs/${id}/cancel`, { method: 'POST', body: '{}' });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'illegal_transition' } });
  });

  it('retries a retryable failure after a backoff and completes on attempt 2', async () => {
    const id = await submitJob(platform, { steps: 1, failAttempts: 1, failWith: 'retryable' });
    const { job } = await pollUntil(platform, id, (j) => j.status === 'completed');
    expect(job.attempt).toBe(2);
    const types = (await platform.events.store.load(id)).events.map((e) => e.event.type);
    expect(types).toEqual(expect.arrayContaining(['JobAttemptFailed', 'JobRetryScheduled']));
    expect(types.filter((t) => t === 'JobStarted')).toHaveLength(2);
  });

  it('fails a job on a permanent error, saying why, and runs it again on request', async () => {
    const id = await submitJob(platform, { steps: 1, failAttempts: 1, failWith: 'permanent' });
    const { job } = await pollUntil(platform, id, (j) => j.status === 'failed');
    expect(job.error).toEqual({ code: 'bad_input', message: 'the input cannot be processed' });
    expect(job.attempt).toBe(1);

    const retried = await platform.request(`/v1/jobs/${id}/retry`, { method: 'POST', body: '{}' });
    expect(retried.status).toBe(200);
    const { job: done } = await pollUntil(platform, id, (j) => j.status === 'completed');
    expect(done.attempt).toBe(2);
  });

  it('gives up after the last attempt with the reason', async () => {
    const id = await submitJob(platform, { steps: 1, failAttempts: 5, failWith: 'retryable' });
    const { job } = await pollUntil(platform, id, (j) => j.status === 'failed');
    expect(job.attempt).toBe(3);
    expect(job.error).toEqual({ code: 'transient', message: 'attempt 3 hit a transient failure (gave up after 3 attempts)' });
  });

  it('returns the same job for the same Idempotency-Key in the same project', async () => {
    const key = `key-${Date.now()}`;
    const first = await submitJob(platform, { steps: 1 }, { idempotencyKey: key });
    const second = await submitJob(platform, { steps: 1 }, { idempotencyKey: key });
    const otherProject = await submitJob(platform, { steps: 1 }, { idempotencyKey: key, token: platform.token('project-b') });
    expect(second).toBe(first);
    expect(otherProject).not.toBe(first);
  });

  it("hides a job from another project's token (404 everywhere)", async () => {
    const id = await submitJob(platform, { steps: 1 });
    const other = platform.token('project-b');
    for (const [path, method] of [[`/v1/jobs/${id}`, 'GET'], [`/v1/jobs/${id}/cancel`, 'POST'], [`/v1/jobs/${id}/retry`, 'POST'], [`/v1/jobs/${id}/events`, 'GET']] as const) {
      const response = await platform.request(path, { method, token: other, body: method === 'POST' ? '{}' : undefined });
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(await response.json()).toMatchObject({ error: { code: 'job_not_found' } });
    }
    expect((await getJob(platform, id)).id).toBe(id);
  });

  it('lists the project’s jobs newest first with filters and pagination', async () => {
    const ids = [await submitJob(platform, { steps: 1 }), await submitJob(platform, { steps: 1 })];
    await Promise.all(ids.map((id) => pollUntil(platform, id, (j) => j.status === 'completed')));
    const listed = async (query: string) => {
      const response = await platform.request(`/v1/jobs?${query}`);
      expect(response.status).toBe(200);
      return (await response.json()) as { items: { id: string }[]; total: number; next_cursor: string | null };
    };
    // The projection catches up asynchronously; wait until both jobs are there as completed.
    await pollUntilListed(() => listed('status=completed&limit=100'), ids);
    const page = await listed('limit=1');
    expect(page.items).toHaveLength(1);
    expect(page.next_cursor).not.toBeNull();
    const next = await listed(`limit=1&cursor=${encodeURIComponent(page.next_cursor!)}`);
    expect(next.items[0]!.id).not.toBe(page.items[0]!.id);
    expect((await listed('kind=scripted&limit=100')).total).toBe(page.total);
  });
});

async function pollUntilListed(list: () => Promise<{ items: { id: string }[] }>, ids: string[]): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const { items } = await list();
    if (ids.every((id) => items.some((item) => item.id === id))) return;
  }
  throw new Error('jobs never appeared in the list');
}
