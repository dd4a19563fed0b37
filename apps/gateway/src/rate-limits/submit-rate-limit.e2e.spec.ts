import type { INestApplication } from '@nestjs/common';
import { openSse } from '@jetjobs/testing';
import type { GatewayConfig } from '../config/gateway-config';
import { createGatewayApp } from '../gateway-app';
import { streamingUpload } from '../testing/streaming-upload';
import { errorOf, jsonPost, startTestGateway, type TestGateway } from '../testing/test-gateway';
import { startTestRegistry, type TestRegistry } from '../testing/test-registry';
import { fileForm, mp4Bytes } from '../testing/video-fixtures';

const MiB = 1024 ** 2;
/** A public address written as a literal, so the URL check needs no DNS (nothing connects to it). */
const PUBLIC_URL = 'https://93.184.215.14/talks/keynote.mp4';
// So slow a refill (one token per 10 s) that a burst sent in sequence is never topped up midway.
const LIMITED = { JETJOBS_SUBMIT_RATE_PER_SECOND: '0.1', JETJOBS_SUBMIT_BURST: '3' };
const tooMany = (retryAfter: number) =>
  `Too many submissions: this project may submit 0.1 jobs per second, in bursts of up to 3. Retry after ${retryAfter} second${retryAfter === 1 ? '' : 's'}.`;

/** Each API's submit route, with the status it accepts with and the code its 429 carries. */
const SUBMITS = [
  { api: 'native', path: '/v1/jobs', scope: 'job:write', init: () => jsonPost({ kind: 'echo', input: {} }), accepted: 202, code: 'rate_limited' },
  { api: 'AVF upload', path: '/api-gateway/avf/infer', scope: 'avf:infer', init: () => formPost(), accepted: 202, code: 'rate_limited' },
  { api: 'clipper URL', path: '/api/process', scope: 'clips:process', init: () => jsonPost({ url: PUBLIC_URL }), accepted: 200, code: 'rate_limited' },
  { api: 'clipper upload', path: '/api/process', scope: 'clips:process', init: () => formPost(), accepted: 200, code: 'rate_limited' },
  { api: 'moderation URL', path: '/api/v1/moderate/video', scope: 'moderate:video', init: () => jsonPost({ video_url: PUBLIC_URL }), accepted: 202, code: 'RATE_LIMITED' },
  { api: 'moderation upload', path: '/api/v1/moderate/video', scope: 'moderate:video', init: () => formPost(), accepted: 202, code: 'RATE_LIMITED' },
  { api: 'async', path: '/api/v1/services/clipper/async', scope: 'async:write', init: () => jsonPost({ data: { source: { url: PUBLIC_URL } } }), accepted: 201, code: 'rate_limited' },
] as const;

function formPost(): RequestInit {
  return { method: 'POST', body: fileForm(mp4Bytes(4096)) };
}

describe('submit rate limit', () => {
  let gw: TestGateway;
  let registry: TestRegistry;
  const replicas: INestApplication[] = [];
  beforeAll(async () => {
    gw = await startTestGateway('gwratelimit', LIMITED);
    registry = await startTestRegistry(gw.config.JETJOBS_NAMESPACE);
  }, 30_000);
  afterAll(async () => {
    for (const replica of replicas) await replica.close();
    await gw?.close();
    await registry?.close();
  });

  /** Another gateway replica in the same namespace, with other limits (and a clock of its own, if given). */
  async function replica(overrides: Partial<GatewayConfig>, clock?: () => number): Promise<string> {
    const app = await createGatewayApp({ ...gw.config, ...overrides }, { logger: ['error'], clock });
    replicas.push(app);
    await app.listen(0, '127.0.0.1');
    return app.getUrl();
  }

  const submitNative = (project: string, url = gw.url) =>
    fetch(`${url}/v1/jobs`, { ...jsonPost({ kind: 'echo', input: {} }), headers: { 'content-type': 'application/json', authorization: `Bearer ${gw.token(['job:write'], project)}` } });

  /** Spends what is left of the project's burst of 3 on native submits, and sees the next one refused. */
  async function exhaust(project: string, spent = 0): Promise<void> {
    for (let i = spent; i < 3; i++) expect((await submitNative(project)).status).toBe(202);
    expect((await submitNative(project)).status).toBe(429);
  }

  it.each(SUBMITS)('$api: lets a burst through, then answers 429 with Retry-After in its own words', async ({ api, path, scope, init, accepted, code }) => {
    const token = gw.token([scope], `project-${api.replace(' ', '-')}`);
    for (const remaining of ['2', '1', '0']) {
      const response = await gw.request(path, { ...init(), token });
      expect({ status: response.status, limit: response.headers.get('ratelimit-limit'), remaining: response.headers.get('ratelimit-remaining') }).toEqual({
        status: accepted,
        limit: '3',
        remaining,
      });
    }
    const refused = await gw.request(path, { ...init(), token });
    const retryAfter = refused.headers.get('retry-after') ?? '';
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(10);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect({ status: refused.status, body: await refused.json() }).toEqual({ status: 429, body: { error: { code, message: tooMany(Number(retryAfter)) } } });
  });

  it('documents the 429, its Retry-After and its body on every submit route and nowhere else', async () => {
    type Operation = { responses: Record<string, { headers?: Record<string, unknown>; content: Record<string, { example: { error: { code: string } } }> }> };
    const document = (await (await gw.request('/openapi.json')).json()) as { paths: Record<string, Record<string, Operation>> };
    const limited = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, operation]) => '429' in operation.responses)
        .map(([method, operation]) => {
          const response = operation.responses['429']!;
          return [`${method.toUpperCase()} ${path}`, Object.keys(response.headers ?? {}), response.content['application/json']?.example.error.code];
        }),
    );
    const headers = ['Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining'];
    expect(limited.sort()).toEqual(
      [
        ['POST /api-gateway/avf/infer', headers, 'rate_limited'],
        ['POST /api/process', headers, 'rate_limited'],
        ['POST /api/v1/moderate/video', headers, 'RATE_LIMITED'],
        ['POST /api/v1/services/{slug}/async', headers, 'rate_limited'],
        ['POST /v1/jobs', headers, 'rate_limited'],
      ].sort(),
    );
  });

  it('keeps one bucket per project across every API, and leaves other projects alone', async () => {
    await exhaust('project-busy');
    const avf = await gw.request('/api-gateway/avf/infer', { ...formPost(), token: gw.token(['avf:infer'], 'project-busy') });
    expect((await errorOf(avf)).code).toBe('rate_limited');
    expect((await submitNative('project-quiet')).status).toBe(202);
  });

  it('refuses a throttled upload before reading it: the client is stopped, not left to send 120 MB', async () => {
    await exhaust('project-uploader');
    const started = Date.now();
    const result = await streamingUpload(`${gw.url}/api-gateway/avf/infer`, gw.token(['avf:infer'], 'project-uploader'), 120 * MiB, true);
    expect(result.status).toBe(429);
    expect(JSON.parse(result.body)).toEqual({ error: { code: 'rate_limited', message: expect.stringContaining('Retry after') } });
    expect(result.responseAfterMs).toBeLessThan(1_000);
    expect(result.cutOff).toBe(true);
    // Nothing was read: the client got no further than what the sockets' buffers hold.
    expect(result.sentBytes).toBeLessThan(16 * MiB);
    // The connection is let go after a short linger, not held open until the keep-alive timeout (5 s).
    expect(Date.now() - started).toBeLessThan(4_000);
  }, 30_000);

  it('checks the credential first: a missing one is 401, a lacking scope 403, and neither spends tokens', async () => {
    expect((await errorOf(await gw.request('/v1/jobs', jsonPost({ kind: 'echo', input: {} })))).status).toBe(401);
    const readOnly = gw.token(['job:read'], 'project-checked');
    for (let i = 0; i < 4; i++) expect((await errorOf(await gw.request('/v1/jobs', jsonPost({ kind: 'echo', input: {} }, readOnly)))).status).toBe(403);
    await exhaust('project-checked');
  });

  it('never limits reads, event streams or commands on existing jobs', async () => {
    const token = gw.token(['moderate:video', 'job:write'], 'project-reader');
    const moderated = await gw.request('/api/v1/moderate/video', { ...jsonPost({ video_url: PUBLIC_URL }), token });
    const jobId = ((await moderated.json()) as { job_id: string }).job_id;
    await exhaust('project-reader', 1);
    const reader = gw.token(['job:read', 'job:write'], 'project-reader');
    for (const path of [`/v1/jobs/${jobId}`, '/v1/jobs', `/api/v1/job/${jobId}`, '/api/v1/jobs']) {
      const responses = await Promise.all(Array.from({ length: 5 }, () => gw.request(path, { token: reader })));
      expect(responses.map((response) => [path, response.status, response.headers.get('retry-after')])).toEqual(Array(5).fill([path, 200, null]));
    }
    for (const path of [`/v1/jobs/${jobId}/events`, `/api/v1/job/${jobId}/progress`]) {
      const stream = await openSse(`${gw.url}${path}`, { authorization: `Bearer ${reader}` });
      stream.close();
      expect([path, stream.status, stream.headers.get('content-type')]).toEqual([path, 200, expect.stringContaining('text/event-stream')]);
    }
    expect((await gw.request(`/v1/jobs/${jobId}/cancel`, { ...jsonPost({}), token: reader })).status).toBe(200);
  });

  it('accepts the next submit once Retry-After has passed', async () => {
    let nowMs = 0;
    const url = await replica({ JETJOBS_SUBMIT_RATE_PER_SECOND: 0.5, JETJOBS_SUBMIT_BURST: 1 }, () => nowMs);
    expect((await submitNative('project-patient', url)).status).toBe(202);
    const refused = await submitNative('project-patient', url);
    expect(refused.status).toBe(429);
    // One token every 2 s, and the clock has not moved: the header's promise, kept to the millisecond.
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBe(2);
    nowMs = retryAfter * 1_000 - 1;
    expect((await submitNative('project-patient', url)).status).toBe(429);
    nowMs = retryAfter * 1_000;
    expect((await submitNative('project-patient', url)).status).toBe(202);
  });

  it('keeps its buckets per gateway replica', async () => {
    await exhaust('project-spread');
    const other = await replica({});
    expect((await submitNative('project-spread', other)).status).toBe(202);
  });

  it('is off when the rate is 0: no refusal and no rate limit headers', async () => {
    const url = await replica({ JETJOBS_SUBMIT_RATE_PER_SECOND: 0, JETJOBS_SUBMIT_BURST: 1 });
    const responses = await Promise.all(Array.from({ length: 6 }, () => submitNative('project-unlimited', url)));
    expect(responses.map((response) => [response.status, response.headers.get('ratelimit-limit')])).toEqual(Array(6).fill([202, null]));
  });
});
