import { randomUUID } from 'node:crypto';
import { executeCommand } from '@jetjobs/event-store';
import type { JobCommand } from '@jetjobs/job-domain';
import { eventually } from '@jetjobs/testing';
import { jsonPost, startTestGateway, type TestGateway } from '../../testing/test-gateway';
import { startTestRegistry, type TestRegistry } from '../../testing/test-registry';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const CLEAN = { is_prohibited: false, categories: { nsfw: false, ai_adult_general: false, underage: false, custom: {} }, frames_analyzed: 45 };
const FLAGGED = {
  is_prohibited: true,
  categories: { nsfw: true, ai_adult_general: false, underage: false, custom: { brand_logos: false } },
  reason: 'Explicit content in frames 12-19',
  frames_analyzed: 45,
};

// GET /api/v1/job/:id and GET /api/v1/jobs as the seed documents them, with the worker's part
// played through the real decider and event store.
describe('moderation API: job status and list', () => {
  let gw: TestGateway;
  let registry: TestRegistry;
  let token: string;
  beforeAll(async () => {
    gw = await startTestGateway('gwmodget');
    registry = await startTestRegistry(gw.config.JETJOBS_NAMESPACE);
    token = gw.token(['moderate:video', 'job:read']);
  }, 30_000);
  afterAll(async () => {
    await gw?.close();
    await registry?.close();
  });

  const submit = async (bearer = token): Promise<string> => {
    const response = await gw.request('/api/v1/moderate/video', jsonPost({ video_url: 'https://93.184.215.14/v.mp4' }, bearer));
    expect(response.status).toBe(202);
    return ((await response.json()) as { job_id: string }).job_id;
  };
  const worker = (jobId: string) => {
    const run = (command: JobCommand) => executeCommand(gw.events.store, { jobId }, command, { correlationId: randomUUID(), causationId: null });
    return {
      start: () => run({ type: 'StartJob', data: { workerId: 'moderation-1' } }),
      frames: (done: number, total: number) =>
        run({ type: 'ReportProgress', data: { attempt: 1, progress: Math.round((done / total) * 100), detail: 'Classifying frames', framesCompleted: done, frameCount: total } }),
      complete: (result: unknown) => run({ type: 'CompleteJob', data: { attempt: 1, result } }),
      fail: (code: string, message: string) => run({ type: 'FailJob', data: { error: { code, message } } }),
      cancel: (reason: string) => run({ type: 'RequestCancel', data: { reason } }),
    };
  };
  const getJob = async (jobId: string, bearer = token) => {
    const response = await gw.request(`/api/v1/job/${jobId}`, { token: bearer });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  describe('GET /api/v1/job/:id', () => {
    it('shows a queued job with exactly the documented fields', async () => {
      const jobId = await submit();
      const { status, body } = await getJob(jobId);
      expect(status).toBe(200);
      expect(body).toEqual({
        job_id: jobId,
        type: 'video',
        status: 'queued',
        is_prohibited: null,
        categories: { custom: {} },
        created_at: expect.stringMatching(ISO),
        completed_at: null,
      });
      expect(Object.keys(body)).toEqual(['job_id', 'type', 'status', 'is_prohibited', 'categories', 'created_at', 'completed_at']);
    });

    it('goes processing, then completed with the decision, categories (custom always there) and completed_at', async () => {
      const jobId = await submit();
      const w = worker(jobId);
      await w.start();
      await w.frames(27, 45);
      expect((await getJob(jobId)).body).toMatchObject({ status: 'processing', is_prohibited: null, completed_at: null });

      await w.complete(FLAGGED);
      const { body } = await getJob(jobId);
      expect(body).toEqual({
        job_id: jobId,
        type: 'video',
        status: 'completed',
        is_prohibited: true,
        categories: FLAGGED.categories,
        created_at: expect.stringMatching(ISO),
        completed_at: expect.stringMatching(ISO),
        reason: FLAGGED.reason,
      });
      expect(Date.parse(body['completed_at'] as string)).toBeGreaterThanOrEqual(Date.parse(body['created_at'] as string));

      const passed = await submit();
      await worker(passed).start();
      await worker(passed).complete(CLEAN);
      expect((await getJob(passed)).body).toMatchObject({ status: 'completed', is_prohibited: false, categories: CLEAN.categories });
      expect((await getJob(passed)).body).not.toHaveProperty('reason');
    });

    it('shows a failed job with error_code and reason, and a cancelled one as failed', async () => {
      const failed = await submit();
      await worker(failed).start();
      await worker(failed).fail('download_failed', 'The video could not be downloaded: 404 Not Found');
      expect((await getJob(failed)).body).toMatchObject({
        status: 'failed',
        is_prohibited: null,
        categories: { custom: {} },
        completed_at: expect.stringMatching(ISO),
        error_code: 'download_failed',
        reason: 'The video could not be downloaded: 404 Not Found',
      });

      const cancelled = await submit();
      await worker(cancelled).cancel('duplicate upload');
      expect((await getJob(cancelled)).body).toMatchObject({ status: 'failed', is_prohibited: null, error_code: 'cancelled', reason: 'Cancelled: duplicate upload' });
    });

    it('answers 404 NOT_FOUND for an unknown id, a malformed id, another project and another kind of job', async () => {
      const jobId = await submit();
      const notFound = { status: 404, body: { error: { code: 'NOT_FOUND', message: expect.any(String) } } };
      expect(await getJob(randomUUID())).toEqual(notFound);
      expect(await getJob('a1b2c3d4')).toEqual(notFound);
      expect(await getJob(jobId, gw.token(['job:read'], 'project-b'))).toEqual(notFound);
      const native = await gw.request('/v1/jobs', jsonPost({ kind: 'echo', input: {} }, gw.token(['job:write'])));
      expect(await getJob(((await native.json()) as { id: string }).id)).toEqual(notFound);
    });

    it('answers 403 FORBIDDEN without job:read and 401 UNAUTHORIZED without a credential', async () => {
      const jobId = await submit();
      expect(await getJob(jobId, gw.token(['moderate:video']))).toEqual({ status: 403, body: { error: { code: 'FORBIDDEN', message: expect.stringContaining('job:read') } } });
      const anonymous = await gw.request(`/api/v1/job/${jobId}`);
      expect(anonymous.status).toBe(401);
      expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
    });
  });

  describe('GET /api/v1/jobs', () => {
    type Page = { jobs: Record<string, unknown>[]; total: number; limit: number; offset: number };
    let project: string;
    let bearer: string;
    const ids: Record<string, string> = {};
    const list = async (query = ''): Promise<Page> => {
      const response = await gw.request(`/api/v1/jobs${query}`, { token: bearer });
      expect(response.status).toBe(200);
      return (await response.json()) as Page;
    };

    beforeAll(async () => {
      // A project of its own, so that only these jobs are listed.
      project = `list-${randomUUID()}`;
      bearer = gw.token(['moderate:video', 'job:read', 'job:write'], project);
      ids['queued'] = await submit(bearer);
      ids['running'] = await submit(bearer);
      await worker(ids['running']).start();
      ids['passed'] = await submit(bearer);
      await worker(ids['passed']).start();
      await worker(ids['passed']).complete(CLEAN);
      ids['rejected'] = await submit(bearer);
      await worker(ids['rejected']).start();
      await worker(ids['rejected']).complete(FLAGGED);
      ids['cancelled'] = await submit(bearer);
      await worker(ids['cancelled']).cancel('not needed');
      // Not listed: another kind in the same project, and a moderation job of another project.
      await gw.request('/v1/jobs', jsonPost({ kind: 'echo', input: {} }, bearer));
      await submit(gw.token(['moderate:video'], `other-${project}`));
      // Lists come from the registry's projection, which trails the stream slightly.
      await eventually(async () => {
        const page = await list('?status=completed');
        return page.total === 2 && (await list()).total === 5 ? true : undefined;
      }, 10_000);
    });

    it('lists the project moderation jobs newest first, with total, limit and offset', async () => {
      const page = await list();
      expect(page).toMatchObject({ total: 5, limit: 20, offset: 0 });
      expect(page.jobs.map((j) => j['job_id'])).toEqual([ids['cancelled'], ids['rejected'], ids['passed'], ids['running'], ids['queued']]);
      expect(page.jobs[1]).toMatchObject({ job_id: ids['rejected'], type: 'video', status: 'completed', is_prohibited: true, created_at: expect.stringMatching(ISO) });
    });

    it('filters by status (comma-separated, failed includes cancelled), decision and type', async () => {
      const inFlight = await list('?status=queued,processing');
      expect(inFlight.jobs.map((j) => j['job_id'])).toEqual([ids['running'], ids['queued']]);
      expect(inFlight.total).toBe(2);
      expect((await list('?status=failed')).jobs.map((j) => j['job_id'])).toEqual([ids['cancelled']]);
      expect((await list('?decision=reject')).jobs.map((j) => j['job_id'])).toEqual([ids['rejected']]);
      expect((await list('?decision=pass')).jobs.map((j) => j['job_id'])).toEqual([ids['passed']]);
      expect((await list('?type=video')).total).toBe(5);
      expect(await list('?type=image')).toEqual({ jobs: [], total: 0, limit: 20, offset: 0 });
      expect((await list('?type=&decision=&status=')).total).toBe(5);
    });

    it('filters by from (inclusive) and to (exclusive) on created_at', async () => {
      const all = (await list()).jobs;
      const middle = all[2]!['created_at'] as string;
      const since = await list(`?from=${encodeURIComponent(middle)}`);
      expect(since.jobs.map((j) => j['job_id'])).toEqual(all.filter((j) => (j['created_at'] as string) >= middle).map((j) => j['job_id']));
      const before = await list(`?to=${encodeURIComponent(middle)}`);
      expect(before.jobs.map((j) => j['job_id'])).toEqual(all.filter((j) => (j['created_at'] as string) < middle).map((j) => j['job_id']));
      expect(since.total + before.total).toBe(5);
    });

    it('pages with limit and offset, total counting every match', async () => {
      const first = await list('?limit=2');
      const second = await list('?limit=2&offset=2');
      const last = await list('?limit=2&offset=4');
      expect([first.total, second.total, last.total]).toEqual([5, 5, 5]);
      expect([first, second, last].map((p) => [p.limit, p.offset])).toEqual([[2, 0], [2, 2], [2, 4]]);
      expect([...first.jobs, ...second.jobs, ...last.jobs].map((j) => j['job_id'])).toEqual((await list()).jobs.map((j) => j['job_id']));
      expect((await list('?limit=100&offset=5')).jobs).toEqual([]);
    });

    it.each([
      ['status=done', 'status'],
      ['status=queued,cancelled', 'status'],
      ['decision=maybe', 'decision'],
      ['type=audio', 'type'],
      ['limit=101', 'limit'],
      ['limit=0', 'limit'],
      ['limit=ten', 'limit'],
      ['offset=-1', 'offset'],
      ['from=yesterday', 'from'],
      ['from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z', 'to'],
    ])('refuses %s with 400 INVALID_REQUEST naming the parameter', async (query, field) => {
      const response = await gw.request(`/api/v1/jobs?${query}`, { token: bearer });
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect({ status: response.status, code: body.error.code }).toEqual({ status: 400, code: 'INVALID_REQUEST' });
      expect(body.error.message).toContain(`${field}:`);
    });

    it('answers 403 FORBIDDEN without job:read', async () => {
      const response = await gw.request('/api/v1/jobs', { token: gw.token(['moderate:video'], project) });
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    });
  });
});
