import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JetJobs } from './jetjobs-client';
import { JetJobsError } from './jetjobs-error';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

// A real HTTP server scripted per test: the answers a gateway gives under load (429, 503) are
// hard to provoke on demand, and the client must read them off the wire exactly as sent.
describe('client retries and errors over HTTP', () => {
  let server: Server;
  let handler: Handler;
  const seen: { method: string; url: string; headers: IncomingMessage['headers'] }[] = [];
  let jj: JetJobs;

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
      request.resume();
      request.on('end', () => handler(request, response));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jj = new JetJobs({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, apiKey: 'jj_k_secret', retry: { baseDelayMs: 10 } });
  });
  beforeEach(() => (seen.length = 0));
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => (response: ServerResponse) =>
    response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  const sequence = (...answers: ((response: ServerResponse) => void)[]): Handler => {
    let next = 0;
    return (_request, response) => answers[Math.min(next++, answers.length - 1)]!(response);
  };

  it("retries a submit with an idempotency key after 429, waiting the server's Retry-After", async () => {
    handler = sequence(answer(429, { error: { code: 'rate_limited', message: 'slow down' } }, { 'retry-after': '1' }), answer(202, { id: 'j1', status: 'queued' }));
    const started = Date.now();
    const job = await jj.jobs.submit({ kind: 'echo', input: {} }, { idempotencyKey: 'key-1' });
    expect(job).toEqual({ id: 'j1', status: 'queued' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(seen.map((r) => [r.method, r.url, r.headers['idempotency-key'], r.headers.authorization])).toEqual([
      ['POST', '/v1/jobs', 'key-1', 'Bearer jj_k_secret'],
      ['POST', '/v1/jobs', 'key-1', 'Bearer jj_k_secret'],
    ]);
  });

  it('never repeats a submit without an idempotency key: the first may have created the job', async () => {
    handler = sequence(answer(503, { error: { code: 'unavailable', message: 'registry down' } }, { 'retry-after': '0' }), answer(202, { id: 'j2', status: 'queued' }));
    const error = await jj.jobs.submit({ kind: 'echo', input: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JetJobsError);
    expect(error).toMatchObject({ status: 503, code: 'unavailable', message: 'registry down', retryAfterSeconds: 0 });
    expect(seen).toHaveLength(1);
  });

  it('retries reads on 503 until the retries run out, then throws the last answer', async () => {
    handler = sequence(answer(503, { error: { code: 'unavailable', message: 'not ready' } }));
    await expect(jj.jobs.get('j3')).rejects.toMatchObject({ status: 503, code: 'unavailable' });
    expect(seen).toHaveLength(5);
  });

  it('throws other errors at once with the API code, the moderation API capitals lowered', async () => {
    handler = sequence(answer(404, { error: { code: 'job_not_found', message: 'No job with id j4' } }));
    await expect(jj.jobs.get('j4')).rejects.toMatchObject({ name: 'JetJobsError', status: 404, code: 'job_not_found', message: 'No job with id j4' });
    handler = sequence(answer(403, { error: { code: 'FORBIDDEN', message: 'needs moderate:video' } }));
    await expect(jj.uploads.submitVideo('moderation', new Uint8Array(10))).rejects.toMatchObject({ status: 403, code: 'forbidden' });
    expect(seen).toHaveLength(2);
  });

  it('sends list filters as the API spells them', async () => {
    handler = sequence(answer(200, { items: [], total: 0, next_cursor: null }));
    await jj.jobs.list({ kind: 'echo', status: ['queued', 'failed'], limit: 5, createdFrom: new Date('2026-01-02T03:04:05Z') });
    expect(seen[0]!.url).toBe('/v1/jobs?kind=echo&status=queued%2Cfailed&limit=5&created_from=2026-01-02T03%3A04%3A05.000Z');
  });

  it('gives a network error its own code once the retries run out', async () => {
    const spare = createServer();
    await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve));
    const port = (spare.address() as AddressInfo).port;
    await new Promise((resolve) => spare.close(resolve));
    const closed = new JetJobs({ baseUrl: `http://127.0.0.1:${port}`, token: 't', retry: { maxRetries: 1, baseDelayMs: 1 } });
    await expect(closed.jobs.get('j5')).rejects.toMatchObject({ status: 0, code: 'network_error', message: expect.stringContaining('ECONNREFUSED') });
  });
});
