import { eventually } from '@jetjobs/testing';
import { errorOf, jsonPost, startTestGateway, type TestGateway } from '../testing/test-gateway';
import { startTestRegistry, type TestRegistry } from '../testing/test-registry';
import { appendToJob, completed, started } from '../testing/worker-events';
import type { JobJson } from '@jetjobs/dialects';

describe('native job API with job-registry', () => {
  let gw: TestGateway;
  let registry: TestRegistry;
  let token: string;
  beforeAll(async () => {
    gw = await startTestGateway('gwjobs', { JETJOBS_WEBHOOK_URL_ALLOWLIST: '127.0.0.1' });
    registry = await startTestRegistry(gw.config.JETJOBS_NAMESPACE);
    token = gw.token(['job:read', 'job:write']);
  }, 30_000);
  afterAll(async () => {
    await gw.close();
    await registry?.close();
  });

  const submit = (body: unknown, headers: Record<string, string> = {}) => gw.request('/v1/jobs', jsonPost(body, token, headers));
  const getJob = async (id: string): Promise<JobJson> => (await (await gw.request(`/v1/jobs/${id}`, { token })).json()) as JobJson;

  it('is ready once the registry answers', async () => {
    const response = await gw.request('/readyz');
    expect(response.status).toBe(200);
  });

  it('submits with 202 and returns the same job for the same Idempotency-Key', async () => {
    const body = { kind: 'echo', input: { text: 'hi' }, webhook_url: 'http://127.0.0.1:9/hook' };
    const first = await submit(body, { 'idempotency-key': 'same-key' });
    expect(first.status).toBe(202);
    const created = (await first.json()) as { id: string; status: string };
    expect(created).toEqual({ id: expect.any(String), status: 'queued' });

    const again = await submit(body, { 'idempotency-key': 'same-key' });
    expect(again.status).toBe(202);
    expect(((await again.json()) as { id: string }).id).toBe(created.id);
    const other = (await (await submit(body, { 'idempotency-key': 'other-key' })).json()) as { id: string };
    expect(other.id).not.toBe(created.id);
  });

  it('shows a job as snake_case JSON, to its own project only', async () => {
    const { id } = (await (await submit({ kind: 'echo', input: [1, 2] })).json()) as { id: string };
    await appendToJob(gw.events.store, id, [started(), completed({ frames: 3 })]);
    const response = await gw.request(`/v1/jobs/${id}`, { token });
    expect(response.status).toBe(200);
    const job = (await response.json()) as JobJson;
    expect(Object.keys(job).sort()).toEqual(
      ['attempt', 'cancel_requested', 'created_at', 'detail', 'error', 'finished_at', 'frame_count', 'frames_completed', 'id', 'input', 'kind', 'logs', 'outputs', 'progress', 'result', 'retry_due_at', 'started_at', 'status', 'updated_at', 'version'].sort(),
    );
    expect(job).toMatchObject({ id, kind: 'echo', status: 'completed', attempt: 1, input: [1, 2], result: { frames: 3 }, error: null, version: 3 });

    const foreign = await gw.request(`/v1/jobs/${id}`, { token: gw.token(['admin'], 'project-b') });
    expect(await errorOf(foreign)).toMatchObject({ status: 404, code: 'job_not_found' });
    const unknown = await gw.request('/v1/jobs/00000000-0000-4000-8000-000000000000', { token });
    expect(await errorOf(unknown)).toMatchObject({ status: 404, code: 'job_not_found' });
  });

  it('cancels and retries with 200, and refuses an illegal transition with 409', async () => {
    const { id } = (await (await submit({ kind: 'echo', input: {} })).json()) as { id: string };
    const cancel = await gw.request(`/v1/jobs/${id}/cancel`, jsonPost({ reason: 'changed my mind' }, token));
    expect(cancel.status).toBe(200);
    expect(await cancel.json()).toMatchObject({ id, status: 'cancelled' });

    const again = await gw.request(`/v1/jobs/${id}/cancel`, { method: 'POST', token });
    expect(await errorOf(again)).toMatchObject({ status: 409, code: 'illegal_transition' });

    const retry = await gw.request(`/v1/jobs/${id}/retry`, { method: 'POST', token });
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ id, status: 'queued', attempt: 2 });
    const retryQueued = await gw.request(`/v1/jobs/${id}/retry`, jsonPost({}, token));
    expect(await errorOf(retryQueued)).toMatchObject({ status: 409, code: 'illegal_transition' });
    expect((await getJob(id)).status).toBe('queued');
  });

  it('lists a project jobs newest first, filtered and paged', async () => {
    const kind = 'list-probe';
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(((await (await submit({ kind, input: { i } })).json()) as { id: string }).id);
    await gw.request('/v1/jobs', jsonPost({ kind, input: {} }, gw.token(['job:write'], 'project-b')));

    // Lists come from the registry's projection, which trails the stream slightly.
    type Page = { items: JobJson[]; total: number; next_cursor: string | null };
    const list = async (query: string): Promise<Page> => (await (await gw.request(`/v1/jobs?${query}`, { token })).json()) as Page;
    await eventually(async () => ((await list(`kind=${kind}`)).total === 3 ? true : undefined), 5_000);

    const first = await list(`kind=${kind}&status=queued&limit=2`);
    expect(first.total).toBe(3);
    expect(first.items.map((j) => j.id)).toEqual([ids[2], ids[1]]);
    expect(first.next_cursor).toEqual(expect.any(String));
    const second = await list(`kind=${kind}&status=queued&limit=2&cursor=${first.next_cursor}`);
    expect(second.items.map((j) => j.id)).toEqual([ids[0]]);
    expect(second.next_cursor).toBeNull();
    expect((await list(`kind=${kind}&status=completed,failed`)).total).toBe(0);
  });
});
