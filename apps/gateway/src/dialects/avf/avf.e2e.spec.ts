import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { eventually, openSse, readSse, type SseConnection, type SseMessage } from '@jetjobs/testing';
import { createGatewayApp } from '../../gateway-app';
import type { JobJson } from '@jetjobs/dialects';
import { LiveEventHub } from '../../live-events/live-event-hub';
import { fakeWorker } from '../../testing/fake-worker';
import { errorOf, jsonPost, startTestGateway, type TestGateway } from '../../testing/test-gateway';
import { startTestRegistry, type TestRegistry } from '../../testing/test-registry';
import { fileForm, mp4Bytes } from '../../testing/video-fixtures';

/** What the AVF worker puts in a job's result (the seed's `result` without the request's own fields). */
const WORKER_RESULT = {
  success: true,
  message: 'Inference completed successfully',
  prediction: 'fake',
  confidence: 1.35,
  score: 1.35,
  metadata: { video_path: '/tmp/avf_4ps32fdq/video.mp4', sequence_length: 50, video_frames: 134 },
};

const STATUS_KEYS = ['request_id', 'project_id', 'source_filename', 'status', 'created_at'];
const unixNow = () => Math.floor(Date.now() / 1000);

// Conformance with seeds/avf-status.txt and the AVF section of seeds/README.md.
describe('AVF API', () => {
  let gw: TestGateway;
  let registry: TestRegistry;
  let token: string;
  beforeAll(async () => {
    gw = await startTestGateway('gwavf');
    registry = await startTestRegistry(gw.config.JETJOBS_NAMESPACE);
    token = gw.token(['avf:infer', 'job:read']);
  }, 30_000);
  afterAll(async () => {
    await gw.close();
    await registry?.close();
  });

  const infer = (form = fileForm(mp4Bytes(4096), 'video.mp4'), as = token) => gw.request('/api-gateway/avf/infer', { method: 'POST', body: form, token: as });
  const submit = async (filename = 'video.mp4'): Promise<string> => {
    const response = await infer(fileForm(mp4Bytes(4096), filename));
    expect(response.status).toBe(202);
    return ((await response.json()) as { data: { metadata: { request_id: string } } }).data.metadata.request_id;
  };
  const statusUrl = (id: string) => `${gw.url}/api-gateway/avf/status/${id}`;
  const stream = (id: string): Promise<SseConnection> => openSse(statusUrl(id), { authorization: `Bearer ${token}` });
  const next = async (connection: SseConnection): Promise<SseMessage> => {
    const [message] = await readSse(connection, () => true);
    if (!message) throw new Error('the stream ended');
    return message;
  };
  const rest = (connection: SseConnection) => readSse(connection, () => false);
  const statusOf = (message: SseMessage) => JSON.parse(message.data) as Record<string, unknown>;

  it('accepts a video with 202 and exactly the original envelope', async () => {
    const before = unixNow();
    const response = await infer(fileForm(mp4Bytes(4096), 'clip.mov'));
    expect(response.status).toBe(202);
    const body = (await response.json()) as { message: string; data: { metadata: { request_id: string; received_at: number } } };
    expect(body).toEqual({
      message: 'Inference request accepted',
      data: {
        success: true,
        message: 'Accepted for processing',
        prediction: null,
        confidence: null,
        score: null,
        metadata: { request_id: expect.stringMatching(/^[0-9a-f-]{36}$/), source_filename: 'clip.mov', received_at: expect.any(Number) },
      },
    });
    expect(Object.keys(body)).toEqual(['message', 'data']);
    expect(Number.isInteger(body.data.metadata.received_at)).toBe(true);
    expect(body.data.metadata.received_at).toBeGreaterThanOrEqual(before - 1);
    expect(body.data.metadata.received_at).toBeLessThanOrEqual(unixNow() + 1);

    // One job model: the native API sees an `avf` job whose input is the stored upload.
    const job = (await (await gw.request(`/v1/jobs/${body.data.metadata.request_id}`, { token })).json()) as JobJson;
    expect(job).toMatchObject({ kind: 'avf', status: 'queued', input: { source: { upload: { filename: 'clip.mov', contentType: 'video/mp4', size: 4096 } } } });
  });

  it('streams a pending request as unnamed data events, each the full status object, until it completes', async () => {
    const id = await submit('video.mp4');
    const connection = await stream(id);
    expect(connection.status).toBe(200);
    expect(connection.headers.get('content-type')).toContain('text/event-stream');

    const pending = await next(connection);
    expect(pending).toMatchObject({ event: null, id: null });
    const pendingStatus = statusOf(pending);
    expect(pendingStatus).toEqual({ request_id: id, project_id: 'project-a', source_filename: 'video.mp4', status: 'pending', created_at: expect.any(Number) });
    expect(Object.keys(pendingStatus)).toEqual(STATUS_KEYS);

    const worker = fakeWorker(gw.events.store, id);
    await worker.start();
    expect(statusOf(await next(connection))).toEqual({ ...pendingStatus, status: 'processing' });

    // Progress and logs do not change the AVF status object: no event for them.
    await worker.progress(50);
    await worker.log('decoded 134 frames');
    await worker.complete(WORKER_RESULT);
    const remaining = await rest(connection);
    expect(remaining).toHaveLength(1);
    expect(remaining[0]).toMatchObject({ event: null, id: null });
    const completed = statusOf(remaining[0]!);
    expect(completed).toMatchObject({ ...pendingStatus, status: 'completed', completed_at: expect.any(Number), result: expect.any(Object) });
    expect(Object.keys(completed)).toEqual([...STATUS_KEYS, 'completed_at', 'result']);
  });

  it('answers a completed request with plain JSON: every documented field and type', async () => {
    const id = await submit('video.mp4');
    const worker = fakeWorker(gw.events.store, id);
    await worker.start();
    await worker.complete(WORKER_RESULT);

    const response = await gw.request(`/api-gateway/avf/status/${id}`, { token });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const body = (await response.json()) as Record<string, unknown> & { created_at: number; completed_at: number };
    expect(body).toEqual({
      request_id: id,
      project_id: 'project-a',
      source_filename: 'video.mp4',
      status: 'completed',
      created_at: expect.any(Number),
      completed_at: expect.any(Number),
      result: {
        success: true,
        message: 'Inference completed successfully',
        prediction: 'fake',
        confidence: 1.35,
        score: 1.35,
        metadata: { video_path: '/tmp/avf_4ps32fdq/video.mp4', sequence_length: 50, video_frames: 134, request_id: id, source_filename: 'video.mp4' },
      },
    });
    expect(Object.keys(body)).toEqual([...STATUS_KEYS, 'completed_at', 'result']);
    // Unix seconds, not milliseconds or ISO strings.
    for (const time of [body.created_at, body.completed_at]) {
      expect(Number.isInteger(time)).toBe(true);
      expect(Math.abs(time - unixNow())).toBeLessThan(120);
    }
    expect(body.completed_at).toBeGreaterThanOrEqual(body.created_at);
  });

  it('ends the stream with a failed status when the job fails, then answers JSON', async () => {
    const id = await submit();
    const connection = await stream(id);
    expect(statusOf(await next(connection)).status).toBe('pending');
    const worker = fakeWorker(gw.events.store, id);
    await worker.start();
    await worker.fail('The video could not be decoded');
    const statuses = (await rest(connection)).map((m) => statusOf(m).status);
    expect(statuses).toEqual(['processing', 'failed']);

    const body = (await (await gw.request(`/api-gateway/avf/status/${id}`, { token })).json()) as Record<string, unknown>;
    expect(body).toEqual({
      request_id: id,
      project_id: 'project-a',
      source_filename: 'video.mp4',
      status: 'failed',
      created_at: expect.any(Number),
      error: 'The video could not be decoded',
    });
    expect(body).not.toHaveProperty('completed_at');
    expect(body).not.toHaveProperty('result');
  });

  it('shows a cancelled request as failed', async () => {
    const id = await submit();
    await fakeWorker(gw.events.store, id).cancel('no longer needed');
    const body = (await (await gw.request(`/api-gateway/avf/status/${id}`, { token })).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'failed', error: 'no longer needed' });
  });

  it('takes the token from ?access_token= for EventSource clients', async () => {
    const id = await submit();
    const connection = await openSse(`${statusUrl(id)}?access_token=${gw.streamToken(id)}`);
    expect(connection.status).toBe(200);
    expect(statusOf(await next(connection)).status).toBe('pending');
    connection.close();
  });

  it('releases its live subscription when the client goes away', async () => {
    const hub = gw.app.get(LiveEventHub);
    const released = () => eventually(async () => (hub.watchedJobs === 0 ? true : undefined), 5_000);
    // Streams of earlier tests are released when their close reaches the server.
    await released();
    const connection = await stream(await submit());
    expect(statusOf(await next(connection)).status).toBe('pending');
    expect(hub.watchedJobs).toBe(1);
    connection.close();
    await released();
  });

  describe('errors', () => {
    it('answers 401 for a missing or bad token on both routes', async () => {
      const id = await submit();
      const headerSets: Record<string, string>[] = [{}, { authorization: 'Bearer not-a-jwt' }];
      for (const headers of headerSets) {
        expect((await errorOf(await gw.request('/api-gateway/avf/infer', { method: 'POST', body: fileForm(mp4Bytes(4096)), headers }))).status).toBe(401);
        expect(await errorOf(await gw.request(`/api-gateway/avf/status/${id}`, { headers }))).toMatchObject({ status: 401, code: 'unauthorized' });
      }
    });

    it('answers 403 for a token without the avf:infer scope', async () => {
      const error = await errorOf(await infer(undefined, gw.token(['job:read'])));
      expect(error).toMatchObject({ status: 403, code: 'forbidden' });
      expect(error.message).toContain('avf:infer');
    });

    it('answers 404 for an unknown id, a malformed id, another project and a job of another API', async () => {
      const id = await submit();
      const otherProject = gw.token(['job:read'], 'project-b');
      const native = await gw.request('/v1/jobs', jsonPost({ kind: 'echo', input: {} }, gw.token(['job:write'])));
      const echoId = ((await native.json()) as { id: string }).id;
      for (const [path, as] of [
        [`/api-gateway/avf/status/${randomUUID()}`, token],
        ['/api-gateway/avf/status/not-a-request-id', token],
        [`/api-gateway/avf/status/${id}`, otherProject],
        [`/api-gateway/avf/status/${echoId}`, token],
      ] as const) {
        const error = await errorOf(await gw.request(path, { token: as }));
        expect(error).toMatchObject({ status: 404, code: 'job_not_found' });
      }
    });
  });

  describe('with a short stream timeout and a small upload limit', () => {
    let short: INestApplication;
    let shortUrl: string;
    beforeAll(async () => {
      short = await createGatewayApp({ ...gw.config, JETJOBS_AVF_SSE_TIMEOUT_MS: 300, JETJOBS_AVF_MAX_UPLOAD_BYTES: 4096 }, { logger: ['error'] });
      await short.listen(0, '127.0.0.1');
      shortUrl = await short.getUrl();
    });
    afterAll(() => short.close());

    it('ends the stream of an unfinished request after the timeout', async () => {
      const id = await submit();
      const started = Date.now();
      const connection = await openSse(`${shortUrl}/api-gateway/avf/status/${id}`, { authorization: `Bearer ${token}` });
      const messages = await rest(connection);
      expect(messages.map((m) => statusOf(m).status)).toEqual(['pending']);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    });

    it('refuses a file over the limit with 413', async () => {
      const response = await fetch(`${shortUrl}/api-gateway/avf/infer`, { method: 'POST', body: fileForm(mp4Bytes(8192)), headers: { authorization: `Bearer ${token}` } });
      expect(await errorOf(response)).toMatchObject({ status: 413, code: 'payload_too_large' });
    });
  });
});

