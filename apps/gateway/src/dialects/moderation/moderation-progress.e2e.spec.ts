import { randomUUID } from 'node:crypto';
import { executeCommand } from '@jetjobs/event-store';
import type { JobCommand } from '@jetjobs/job-domain';
import { eventually, openSse, readSse, type SseConnection, type SseMessage } from '@jetjobs/testing';
import { jsonPost, startTestGateway, type TestGateway } from '../../testing/test-gateway';
import { startTestRegistry, type TestRegistry } from '../../testing/test-registry';


const CLEAN = { is_prohibited: false, categories: { nsfw: false, ai_adult_general: false, underage: false, custom: {} } };

// GET /api/v1/job/:id/progress exactly as seeds/moderation-progress.txt shows it: `connected`
// first, `progress` events, `: keepalive` comments, the end at 100 % or a terminal status. A real
// EventSource client follows it in moderation-progress-client.e2e.spec.ts.
describe('moderation API: progress stream (SSE)', () => {
  let gw: TestGateway;
  let registry: TestRegistry;
  let token: string;
  beforeAll(async () => {
    gw = await startTestGateway('gwmodsse', { JETJOBS_SSE_KEEPALIVE_MS: '100' });
    registry = await startTestRegistry(gw.config.JETJOBS_NAMESPACE);
    token = gw.token(['moderate:video', 'job:read']);
  }, 30_000);
  afterAll(async () => {
    await gw?.close();
    await registry?.close();
  });

  const submit = async (): Promise<string> => {
    const response = await gw.request('/api/v1/moderate/video', jsonPost({ video_url: 'https://93.184.215.14/v.mp4' }, token));
    return ((await response.json()) as { job_id: string }).job_id;
  };
  const worker = (jobId: string) => {
    const run = (command: JobCommand) => executeCommand(gw.events.store, { jobId }, command, { correlationId: randomUUID(), causationId: null });
    return {
      start: () => run({ type: 'StartJob', data: { workerId: 'moderation-1' } }),
      frames: (done: number, total: number, detail: string | null = null) =>
        run({ type: 'ReportProgress', data: { attempt: 1, progress: Math.round((done / total) * 100), detail, framesCompleted: done, frameCount: total } }),
      complete: (result: unknown) => run({ type: 'CompleteJob', data: { attempt: 1, result } }),
      fail: (message: string) => run({ type: 'FailJob', data: { error: { code: 'decode_failed', message } } }),
    };
  };
  const progressUrl = (jobId: string) => `${gw.url}/api/v1/job/${jobId}/progress`;
  const open = (jobId: string, bearer = token) => openSse(progressUrl(jobId), { authorization: `Bearer ${bearer}` });
  /** Every message until the server ends the stream (a stream that never ends times the test out). */
  const rest = (sse: SseConnection) => readSse(sse, () => false);
  const named = (messages: SseMessage[]) => messages.map((m) => ({ event: m.event, id: m.id, data: JSON.parse(m.data) as unknown }));

  describe('with a raw parser', () => {
    it('sends connected with the current state, a progress event per change, and ends at completion', async () => {
      const jobId = await submit();
      const sse = await open(jobId);
      expect(sse.status).toBe(200);
      expect(sse.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      const [connected] = await readSse(sse, () => true);
      expect(named([connected!])).toEqual([{ event: 'connected', id: null, data: { job_id: jobId, status: 'queued', progress: 0 } }]);

      const w = worker(jobId);
      await w.start();
      await w.frames(27, 45, 'Classifying frames');
      await w.complete(CLEAN);
      expect(named(await rest(sse))).toEqual([
        { event: 'progress', id: null, data: { job_id: jobId, status: 'processing', progress: 0 } },
        { event: 'progress', id: null, data: { job_id: jobId, status: 'processing', progress: 60, detail: 'Classifying frames', frames_completed: 27, frame_count: 45 } },
        { event: 'progress', id: null, data: { job_id: jobId, status: 'completed', progress: 100, detail: 'Classifying frames', frames_completed: 27, frame_count: 45 } },
      ]);
    });

    it('frames a finished job exactly as the seed: connected with progress 100, then the end', async () => {
      const jobId = await submit();
      await worker(jobId).start();
      await worker(jobId).complete(CLEAN);
      const response = await gw.request(`/api/v1/job/${jobId}/progress`, { token });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(`event: connected\ndata: {"job_id":"${jobId}","status":"completed","progress":100}\n\n`);
    });

    it('sends 100 only with the final status: the last frame reads 99 until the verdict, and a failure ends it too', async () => {
      const full = await submit();
      await worker(full).start();
      const sse = await open(full);
      await readSse(sse, () => true);
      await worker(full).frames(45, 45);
      const [lastFrame] = await readSse(sse, () => true);
      expect(named([lastFrame!]).map((m) => m.data)).toEqual([{ job_id: full, status: 'processing', progress: 99, frames_completed: 45, frame_count: 45 }]);
      await worker(full).complete(CLEAN);
      expect(named(await rest(sse)).map((m) => m.data)).toEqual([{ job_id: full, status: 'completed', progress: 100, frames_completed: 45, frame_count: 45 }]);

      const failing = await submit();
      const failed = await open(failing);
      await readSse(failed, () => true);
      await worker(failing).start();
      await worker(failing).fail('The video has no decodable frames');
      expect(named(await rest(failed)).map((m) => m.data)).toEqual([
        { job_id: failing, status: 'processing', progress: 0 },
        { job_id: failing, status: 'failed', progress: 100 },
      ]);
    });

    it('sends ": keepalive" comments while nothing happens', async () => {
      const jobId = await submit();
      const sse = await open(jobId);
      await readSse(sse, () => true);
      // Keep reading in the background: comments are collected while the next event is awaited.
      const reading = sse.messages.next();
      await eventually(async () => (sse.comments.filter((c) => c === 'keepalive').length >= 2 ? true : undefined), 5_000);
      sse.close();
      await reading;
    });

    it('answers errors as JSON before any stream byte: 401, 403 FORBIDDEN, 404 NOT_FOUND', async () => {
      const jobId = await submit();
      const cases: Array<[Response, number, string]> = [
        [await gw.request(`/api/v1/job/${jobId}/progress`), 401, 'UNAUTHORIZED'],
        [await gw.request(`/api/v1/job/${jobId}/progress`, { token: gw.token(['moderate:video']) }), 403, 'FORBIDDEN'],
        [await gw.request(`/api/v1/job/${randomUUID()}/progress`, { token }), 404, 'NOT_FOUND'],
        [await gw.request(`/api/v1/job/${jobId}/progress`, { token: gw.token(['job:read'], 'project-b') }), 404, 'NOT_FOUND'],
        [await gw.request('/api/v1/job/a1b2c3d4/progress', { token }), 404, 'NOT_FOUND'],
      ];
      for (const [response, status, code] of cases) {
        expect(response.headers.get('content-type')).toContain('application/json');
        expect({ status: response.status, body: await response.json() }).toEqual({ status, body: { error: { code, message: expect.any(String) } } });
      }
    });
  });
});
