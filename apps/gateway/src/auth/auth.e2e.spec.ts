import { randomUUID } from 'node:crypto';
import { signToken } from '@jetjobs/auth';
import { errorOf, jsonPost, startTestGateway, TEST_SECRET, type TestGateway } from '../testing/test-gateway';

// No job-registry runs here: a request that gets past auth ends in 503 unavailable, which is how
// these tests tell "let through" from "refused".
describe('gateway auth over HTTP', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('gwauth');
  });
  afterAll(() => gw.close());

  const sign = (overrides: Partial<Parameters<typeof signToken>[0]> = {}) =>
    signToken({ secret: TEST_SECRET, projectId: 'project-a', scopes: ['job:read'], ttlSeconds: 300, ...overrides });

  it('refuses a request without a token with 401 and a Bearer challenge', async () => {
    const response = await gw.request('/v1/jobs');
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await errorOf(response)).toEqual({ status: 401, code: 'unauthorized', message: 'Missing bearer token' });
  });

  it.each([
    ['another scheme', () => 'Basic dXNlcjpwYXNz', 'Authorization header must be "Bearer <token>"'],
    ['a token that is not a JWT', () => 'Bearer not-a-jwt', 'Malformed token'],
    ['an expired token', () => `Bearer ${sign({ now: new Date(Date.now() - 3_600_000), ttlSeconds: 60 })}`, 'Token expired'],
    ['a token signed with another secret', () => `Bearer ${sign({ secret: 'x'.repeat(40) })}`, 'Bad token signature'],
  ])('refuses %s with 401', async (_case, header, message) => {
    const response = await gw.request('/v1/jobs', { headers: { authorization: header() } });
    expect(await errorOf(response)).toEqual({ status: 401, code: 'unauthorized', message });
  });

  it('refuses a token without the route scope with 403, after authenticating it', async () => {
    const response = await gw.request('/v1/jobs', jsonPost({ kind: 'echo', input: {} }, sign({ scopes: ['job:read'] })));
    const error = await errorOf(response);
    expect(error).toMatchObject({ status: 403, code: 'forbidden' });
    expect(error.message).toContain('job:write');
    expect((await errorOf(await gw.request('/v1/jobs', { token: sign({ scopes: ['job:write'] }) }))).status).toBe(403);
  });

  it('lets through a token with the scope, and admin in place of any scope', async () => {
    for (const scopes of [['job:read'], ['admin']]) {
      const response = await gw.request('/v1/jobs', { token: sign({ scopes }) });
      expect(await errorOf(response)).toMatchObject({ status: 503, code: 'unavailable' });
    }
    const submit = await gw.request('/v1/jobs', jsonPost({ kind: 'echo', input: {} }, sign({ scopes: ['admin'] })));
    expect(submit.status).toBe(503);
  });

  it('takes ?access_token= on the event stream only, and only a stream token there', async () => {
    const jobId = randomUUID();
    const token = gw.streamToken(jobId);
    const onList = await gw.request(`/v1/jobs?access_token=${token}`);
    expect((await errorOf(onList)).status).toBe(401);

    const onStream = await gw.request(`/v1/jobs/${jobId}/events?access_token=${token}`);
    expect(onStream.headers.get('content-type')).toContain('application/json');
    expect(await errorOf(onStream)).toMatchObject({ status: 503, code: 'unavailable' });

    // Any other JWT, admin included, would live on in URL logs with its full reach.
    for (const plain of [sign(), sign({ scopes: ['admin'] })]) {
      const refused = await errorOf(await gw.request(`/v1/jobs/${jobId}/events?access_token=${plain}`));
      expect(refused).toMatchObject({ status: 401, code: 'unauthorized' });
      expect(refused.message).toMatch(/^Only a stream token is accepted in \?access_token=/);
    }
  });
});
