import { apiOfPath } from './api-of-path';

describe('the API of a request path', () => {
  it.each([
    ['/v1/jobs', 'native'],
    ['/v1/jobs/1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed/events', 'native'],
    ['/v1/admin/events', 'admin'],
    ['/api/v1/services/echo/async', 'async'],
    ['/api-gateway/avf/infer', 'avf'],
    ['/api/v1/moderate/video', 'moderation'],
    ['/api/v1/job/abc/progress', 'moderation'],
    ['/api/process', 'clipper'],
    ['/api/status/abc', 'clipper'],
    ['/healthz', 'platform'],
    ['/metrics', 'platform'],
  ])('%s belongs to %s', (path, api) => {
    expect(apiOfPath(path)).toBe(api);
  });
});
