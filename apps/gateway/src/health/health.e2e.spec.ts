import { errorOf, startTestGateway, type TestGateway } from '../testing/test-gateway';

describe('health and unknown routes over HTTP', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('gwhealth');
  });
  afterAll(() => gw.close());

  it('is live without auth', async () => {
    const response = await gw.request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('is not ready while no job-registry answers', async () => {
    const error = await errorOf(await gw.request('/readyz'));
    expect(error).toMatchObject({ status: 503, code: 'unavailable' });
  });

  it('answers unknown routes and methods with a JSON 404', async () => {
    for (const [method, path] of [['GET', '/nope'], ['DELETE', '/v1/jobs'], ['GET', '/v2/jobs']]) {
      const response = await gw.request(path!, { method });
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(await errorOf(response)).toMatchObject({ status: 404, code: 'not_found' });
    }
  });
});
