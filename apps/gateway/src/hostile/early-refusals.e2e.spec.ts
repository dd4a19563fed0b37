import { LINGER_MAX_BYTES } from '../uploads/close-after-response';
import { jsonPost } from '../testing/test-gateway';
import { mp4Bytes } from '../testing/video-fixtures';
import { sendBulkBody, type BulkBodyRequest } from './bulk-body-client';
import { dialectOfTarget, problemWith } from './error-body';
import { PUBLIC_VIDEO_URL, startHostileStack, type HostileStack } from './hostile-stack';

const KiB = 1024;
const BODY_BYTES = 20 * 1024 * KiB;
const ROUNDS = 10;
const BOUNDARY = 'early';

/** The start of a form whose `file` part the filler bytes then continue. */
const formHead = (extra = '') =>
  Buffer.concat([
    Buffer.from(`${extra}--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.mp4"\r\nContent-Type: video/mp4\r\n\r\n`),
    mp4Bytes(4 * KiB),
  ]);
const multipart = (length?: number): [string, string][] => [
  ['Content-Type', `multipart/form-data; boundary=${BOUNDARY}`],
  length === undefined ? ['Transfer-Encoding', 'chunked'] : ['Content-Length', String(length)],
];

// A refusal sent while the client is still uploading must reach it as the JSON error, not as a
// reset: the gateway answers with `Connection: close`, then reads and discards the rest.
describe('uploads refused before their body is read', () => {
  let stack: HostileStack;

  beforeAll(async () => {
    stack = await startHostileStack('gwearly', {
      JETJOBS_AVF_MAX_UPLOAD_BYTES: String(64 * KiB),
      JETJOBS_MAX_UPLOAD_BYTES: String(64 * KiB),
      JETJOBS_MODERATION_MAX_UPLOAD_BYTES: String(64 * KiB),
      JETJOBS_SUBMIT_BURST: '1',
      JETJOBS_SUBMIT_RATE_PER_SECOND: '0.001',
    });
    // The limited project spends its only token, so its next submit is refused with 429.
    const spent = await stack.gw.request('/api/process', jsonPost({ url: PUBLIC_VIDEO_URL }, stack.token('limited')));
    expect(spent.status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  // The burst of 1 holds for every project: each refusal but the 429 comes from a project of its own.
  let projects = 0;
  const fresh = () => stack.token(`early-${++projects}`);
  const prefix = formHead();
  const CASES: readonly (readonly [string, () => BulkBodyRequest, number, string])[] = [
    [
      'a declared length over the limit (clipper, 413)',
      () => ({ method: 'POST', target: '/api/process', headers: [['Authorization', `Bearer ${fresh()}`], ...multipart(prefix.length + BODY_BYTES)], prefix, bodyBytes: BODY_BYTES, timeoutMs: 20_000 }),
      413,
      'payload_too_large',
    ],
    [
      'a chunked upload that passes the limit (AVF, 413)',
      () => ({ method: 'POST', target: '/api-gateway/avf/infer', headers: [['Authorization', `Bearer ${fresh()}`], ...multipart()], prefix, bodyBytes: BODY_BYTES, chunked: true, timeoutMs: 20_000 }),
      413,
      'payload_too_large',
    ],
    [
      'a form with a url and a file (clipper, 413 on the file)',
      () => {
        const both = formHead(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="url"\r\n\r\n${PUBLIC_VIDEO_URL}\r\n`);
        return { method: 'POST', target: '/api/process', headers: [['Authorization', `Bearer ${fresh()}`], ...multipart()], prefix: both, bodyBytes: BODY_BYTES, chunked: true, timeoutMs: 20_000 };
      },
      413,
      'payload_too_large',
    ],
    [
      'no credentials (moderation, 401)',
      () => ({ method: 'POST', target: '/api/v1/moderate/video', headers: multipart(prefix.length + BODY_BYTES), prefix, bodyBytes: BODY_BYTES, timeoutMs: 20_000 }),
      401,
      'UNAUTHORIZED',
    ],
    [
      'a spent rate limit (clipper, 429)',
      () => ({ method: 'POST', target: '/api/process', headers: [['Authorization', `Bearer ${stack.token('limited')}`], ...multipart(prefix.length + BODY_BYTES)], prefix, bodyBytes: BODY_BYTES, timeoutMs: 20_000 }),
      429,
      'rate_limited',
    ],
  ];

  it.each(CASES)(
    'answers %s with its JSON error, every time, to a client still sending 20 MB',
    async (_case, request, status, code) => {
      for (let round = 0; round < ROUNDS; round++) {
        const sent = request();
        const outcome = await sendBulkBody(stack.gw.url, sent);
        const summary = { round, status: outcome.status, socketError: outcome.socketError, connection: outcome.headers['connection'], sentAll: outcome.sentAll };
        expect(summary).toEqual({ round, status, socketError: null, connection: 'close', sentAll: true });
        expect(problemWith({ status: outcome.status, headers: outcome.headers, body: Buffer.from(outcome.body), timedOut: false, eventStream: false }, dialectOfTarget(sent.target))).toBeNull();
        expect((JSON.parse(outcome.body) as { error: { code: string } }).error.code).toBe(code);
      }
    },
    120_000,
  );

  it('stops discarding a refused body after LINGER_MAX_BYTES and closes the connection', async () => {
    const total = LINGER_MAX_BYTES * 3;
    const outcome = await sendBulkBody(stack.gw.url, {
      method: 'POST',
      target: '/api/process',
      headers: [['Authorization', `Bearer ${fresh()}`], ...multipart(prefix.length + total)],
      prefix,
      bodyBytes: total,
      timeoutMs: 60_000,
    });
    expect(outcome.status).toBe(413);
    // The gateway, not the test's clock, ended it: before the client could write the whole body.
    expect(outcome.socketError).not.toBe('timeout');
    expect(outcome.sentAll).toBe(false);
    expect(outcome.written).toBeGreaterThan(LINGER_MAX_BYTES);
    expect(outcome.written).toBeLessThan(total);
  }, 90_000);

  it('still answers on a fresh connection afterwards', async () => {
    expect((await stack.gw.request('/healthz')).status).toBe(200);
  });
});
