import { errorOf, jsonPost, startTestGateway, type TestGateway } from '../testing/test-gateway';

// Bad input is refused at the edge with a 4xx naming the problem, before job-registry is asked
// (none runs here: input that passes validation ends in 503 unavailable instead).
describe('native API input validation over HTTP', () => {
  let gw: TestGateway;
  let token: string;
  beforeAll(async () => {
    gw = await startTestGateway('gwval', { JETJOBS_BODY_LIMIT_BYTES: String(64 * 1024), JETJOBS_WEBHOOK_URL_ALLOWLIST: '127.0.0.1' });
    token = gw.token(['job:read', 'job:write']);
  });
  afterAll(() => gw.close());

  const submit = (body: unknown, headers: Record<string, string> = {}) => gw.request('/v1/jobs', jsonPost(body, token, headers));

  it('passes a well-formed submission on to the registry', async () => {
    const response = await submit({ kind: 'avf-inference', input: null, webhook_url: 'http://127.0.0.1:9/hook' }, { 'idempotency-key': 'k1' });
    expect(await errorOf(response)).toMatchObject({ status: 503, code: 'unavailable' });
  });

  it.each([
    ['a bad kind', { kind: 'Bad Kind', input: {} }, 'kind:'],
    ['a missing kind', { input: {} }, 'kind: is required'],
    ['a missing input', { kind: 'echo' }, 'input: is required'],
    ['a webhook_url that is not http(s)', { kind: 'echo', input: {}, webhook_url: 'ftp://example.com/x' }, 'webhook_url: must be an http(s) URL'],
    ['a webhook_url that is not a URL', { kind: 'echo', input: {}, webhook_url: 'not a url' }, 'webhook_url:'],
    ['an unknown field', { kind: 'echo', input: {}, webhookUrl: 'https://example.com' }, 'webhookUrl'],
    ['a body that is not an object', [1, 2], 'expected object'],
  ])('refuses %s with 400 validation_failed', async (_case, body, message) => {
    const error = await errorOf(await submit(body));
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(error.message).toContain(message);
  });

  it('refuses an Idempotency-Key longer than 255 characters', async () => {
    const error = await errorOf(await submit({ kind: 'echo', input: {} }, { 'idempotency-key': 'k'.repeat(256) }));
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(error.message).toContain('Idempotency-Key');
  });

  it('treats an empty JSON request as missing fields, not as a media type error', async () => {
    const response = await gw.request('/v1/jobs', { method: 'POST', token, headers: { 'content-type': 'application/json' } });
    const error = await errorOf(response);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(error.message).toContain('kind: is required');
  });

  it('accepts a +json media type with parameters', async () => {
    const response = await gw.request('/v1/jobs', { ...jsonPost({ kind: 'echo', input: 1 }, token), headers: { 'content-type': 'application/vnd.jetjobs+json; charset=utf-8' } });
    expect((await errorOf(response)).status).toBe(503);
  });

  it('refuses malformed JSON with 400 malformed_json', async () => {
    const response = await gw.request('/v1/jobs', { ...jsonPost(null, token), body: '{"kind": "echo", "input": ' });
    expect(await errorOf(response)).toMatchObject({ status: 400, code: 'malformed_json' });
  });

  it('refuses a body over the limit with 413 payload_too_large', async () => {
    const response = await submit({ kind: 'echo', input: 'x'.repeat(65 * 1024) });
    expect(await errorOf(response)).toMatchObject({ status: 413, code: 'payload_too_large' });
  });

  it.each([['text/plain'], ['application/x-www-form-urlencoded'], ['multipart/form-data; boundary=x'], ['application/jsonx']])(
    'refuses Content-Type %s with 415',
    async (type) => {
      const response = await gw.request('/v1/jobs', { ...jsonPost({ kind: 'echo', input: {} }, token), headers: { 'content-type': type } });
      expect(await errorOf(response)).toMatchObject({ status: 415, code: 'unsupported_media_type' });
    },
  );

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=ten', 'limit'],
    ['limit=1.5', 'limit'],
    ['status=done', 'status'],
    ['status=queued,nope', 'status'],
    ['status=', 'status'],
    ['cursor=%21%21', 'cursor'],
    ['kind=Nope!', 'kind'],
    ['kind=a&kind=b', 'kind'],
    ['created_from=yesterday', 'created_from'],
    ['created_from=2030-01-02T00:00:00Z&created_to=2030-01-01T00:00:00Z', 'created_to'],
  ])('refuses the list query %s with 400 naming the parameter', async (query, field) => {
    const error = await errorOf(await gw.request(`/v1/jobs?${query}`, { token }));
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(error.message).toContain(field);
  });

  it('passes a valid list query on to the registry', async () => {
    const query = 'kind=echo&status=queued,processing&limit=100&cursor=abc_-1&created_from=2030-01-01T00:00:00%2B02:00';
    expect((await errorOf(await gw.request(`/v1/jobs?${query}`, { token }))).status).toBe(503);
  });

  it('answers 404 job_not_found for a job id that is not a UUID, on every job route', async () => {
    for (const [method, path] of [['GET', '/v1/jobs/123'], ['POST', '/v1/jobs/123/cancel'], ['POST', '/v1/jobs/nope/retry'], ['GET', '/v1/jobs/x/events']]) {
      const error = await errorOf(await gw.request(path!, { method, token }));
      expect(error).toMatchObject({ status: 404, code: 'job_not_found' });
    }
  });

  it('refuses a bad cancel reason and a bad Last-Event-ID with 400', async () => {
    const id = '7b0ae4b8-8f5e-4a59-9c1c-0b1f0e9d2c11';
    const cancel = await gw.request(`/v1/jobs/${id}/cancel`, jsonPost({ reason: 5 }, token));
    expect(await errorOf(cancel)).toMatchObject({ status: 400, code: 'validation_failed' });
    for (const lastId of ['abc', '-1', '1.5']) {
      const events = await gw.request(`/v1/jobs/${id}/events`, { token, headers: { 'last-event-id': lastId } });
      expect(await errorOf(events)).toMatchObject({ status: 400, code: 'validation_failed' });
    }
    const fromQuery = await gw.request(`/v1/jobs/${id}/events?last_event_id=x`, { token });
    expect((await errorOf(fromQuery)).status).toBe(400);
  });

  it('answers a path with broken percent-encoding with 400, not 500', async () => {
    const error = await errorOf(await gw.request('/v1/jobs/%E0%A4%A', { token }));
    expect(error.status).toBe(400);
  });
});
