import { jsonPost } from '../testing/test-gateway';
import { mp4Bytes } from '../testing/video-fixtures';
import { dialectOfTarget, problemWith } from './error-body';
import { startHostileStack, type HostileStack } from './hostile-stack';
import { rawRequest, type RawResponse } from './raw-http';

const KiB = 1024;
const codeOf = (response: RawResponse) => (JSON.parse(response.body.toString('utf8')) as { error: { code: string; message: string } }).error;

// Requests too large to read, and URLs that point back inside: refused on every API, in its words.
describe('oversized requests and private URLs', () => {
  let stack: HostileStack;
  let token: string;

  beforeAll(async () => {
    stack = await startHostileStack('gwbig', {
      JETJOBS_AVF_MAX_UPLOAD_BYTES: String(64 * KiB),
      JETJOBS_MAX_UPLOAD_BYTES: String(64 * KiB),
      JETJOBS_MODERATION_MAX_UPLOAD_BYTES: String(64 * KiB),
    });
    token = stack.token();
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  const send = (method: string, target: string, headers: [string, string][] = [], body?: Buffer | string) =>
    rawRequest(stack.gw.url, { method, target, headers: [['Authorization', `Bearer ${token}`], ...headers], body, timeoutMs: 10_000 });
  const expectError = (response: RawResponse, target: string, status: number, code: string) => {
    expect(problemWith(response, dialectOfTarget(target))).toBeNull();
    expect([response.status, codeOf(response).code]).toEqual([status, code]);
  };

  const ROUTES: readonly (readonly [string, string, string])[] = [
    ['native', 'POST', '/v1/jobs'],
    ['native', 'GET', '/v1/jobs/00000000-0000-4000-8000-000000000000'],
    ['AVF', 'POST', '/api-gateway/avf/infer'],
    ['clipper', 'POST', '/api/process'],
    ['moderation', 'POST', '/api/v1/moderate/video'],
    ['moderation', 'GET', '/api/v1/jobs'],
    ['async', 'POST', '/api/v1/services/clipper/async'],
  ];

  it.each(ROUTES)('answers headers over the limit with 431 on the %s API (%s %s)', async (_api, method, target) => {
    const response = await send(method, target, [['X-Padding', 'a'.repeat(40 * KiB)]]);
    expectError(response, target, 431, dialectOfTarget(target) === 'moderation' ? 'HEADERS_TOO_LARGE' : 'headers_too_large');
  });

  it.each([
    ['native', '/v1/jobs'],
    ['clipper', '/api/process'],
    ['moderation', '/api/v1/moderate/video'],
    ['async', '/api/v1/services/clipper/async'],
    ['admin', '/v1/admin/jobs/00000000-0000-4000-8000-000000000000/redrive'],
  ])('answers a JSON body over the limit with 413 on the %s API', async (_api, target) => {
    const body = JSON.stringify({ url: 'x'.repeat(1100 * KiB) });
    const response = await send('POST', target, [['Content-Type', 'application/json'], ['Content-Length', String(body.length)]], body);
    expectError(response, target, 413, dialectOfTarget(target) === 'moderation' ? 'PAYLOAD_TOO_LARGE' : 'payload_too_large');
  });

  it.each([
    ['AVF', '/api-gateway/avf/infer'],
    ['clipper', '/api/process'],
    ['moderation', '/api/v1/moderate/video'],
  ])('answers an upload over the limit with 413 on the %s API', async (_api, target) => {
    const boundary = 'big';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.mp4"\r\nContent-Type: video/mp4\r\n\r\n`),
      mp4Bytes(200 * KiB),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const response = await send('POST', target, [['Content-Type', `multipart/form-data; boundary=${boundary}`], ['Content-Length', String(body.length)]], body);
    expectError(response, target, 413, dialectOfTarget(target) === 'moderation' ? 'PAYLOAD_TOO_LARGE' : 'payload_too_large');
  });

  /** Hosts that are, or resolve to, this machine or no machine, spelt every way a URL parser allows. */
  const PRIVATE_HOSTS = ['localhost', 'localhost.', '127.1', '0x7f000001', '2130706433', '0177.0.0.1', '[::ffff:127.0.0.1]', '[::1]', '[::]', '0.0.0.0', '169.254.169.254', '10.0.0.1'];
  const REFUSED = /(loopback|unspecified|link-local|private network) address|could not be resolved|has no address/;

  describe.each(PRIVATE_HOSTS)('a URL on %s', (host) => {
    const url = `http://${host}:8080/video.mp4`;

    it.each<[string, string, () => unknown, string]>([
      ['clipper url', '/api/process', () => ({ url }), 'validation_failed'],
      ['moderation video_url', '/api/v1/moderate/video', () => ({ video_url: url }), 'INVALID_REQUEST'],
      ['moderation webhook_url', '/api/v1/moderate/video', () => ({ video_url: 'https://93.184.215.14/v.mp4', webhook_url: url }), 'INVALID_REQUEST'],
      ['async data.source.url', '/api/v1/services/moderation/async', () => ({ data: { source: { url } } }), 'validation_failed'],
      ['native webhook_url', '/v1/jobs', () => ({ kind: 'echo', input: {}, webhook_url: url }), 'validation_failed'],
    ])('is refused at submission as a %s', async (_field, path, body, code) => {
      const response = await stack.gw.request(path, jsonPost(body(), token));
      const error = ((await response.json()) as { error: { code: string; message: string } }).error;
      expect([response.status, error.code]).toEqual([400, code]);
      expect(error.message).toMatch(REFUSED);
    });
  });
});
