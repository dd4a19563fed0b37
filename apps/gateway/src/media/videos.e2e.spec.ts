import { randomUUID } from 'node:crypto';
import { Objm, type ObjectStore } from '@nats-io/obj';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { mediaOwnerMetadata } from '@jetjobs/contracts';
import { errorOf, jsonPost, startTestGateway, type TestGateway } from '../testing/test-gateway';
import { startTestRegistry, type TestRegistry } from '../testing/test-registry';
import { mp4Bytes } from '../testing/video-fixtures';

/** Over two 128 KiB object-store chunks, so ranges cross chunk boundaries. */
const SIZE = 300 * 1024 + 123;

// `GET /videos/:job_id/:file`: what the clipper worker renders, served so that players can seek.
describe('media download', () => {
  let gw: TestGateway;
  let registry: TestRegistry;
  let bucket: ObjectStore;
  let token: string;
  let jobId: string;
  let otherJobId: string;
  const clip = mp4Bytes(SIZE);

  beforeAll(async () => {
    gw = await startTestGateway('gwvid');
    registry = await startTestRegistry(gw.config.JETJOBS_NAMESPACE);
    bucket = await new Objm(gw.events.nc).open(gw.events.names.mediaBucket);
    token = gw.token(['clips:process', 'job:read']);
    jobId = await submitClipperJob();
    otherJobId = await submitClipperJob();
    // Stored as the clipper worker stores its clips: `clips/<job_id>/<file>`.
    const meta = natsHeaders();
    meta.set('Content-Type', 'video/mp4');
    const owner = (job: string) => mediaOwnerMetadata({ projectId: 'project-a', jobId: job, purpose: 'output' });
    await bucket.putBlob({ name: `clips/${jobId}/video_1_clip_1.mp4`, headers: meta, metadata: owner(jobId) }, clip);
    await bucket.putBlob({ name: `clips/${jobId}/thumb.jpg`, metadata: owner(jobId) }, Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    await bucket.putBlob({ name: `clips/${otherJobId}/secret.mp4`, metadata: owner(otherJobId) }, mp4Bytes(1024));
  }, 30_000);
  afterAll(async () => {
    await gw.close();
    await registry?.close();
  });

  async function submitClipperJob(): Promise<string> {
    const response = await gw.request('/api/process', jsonPost({ url: 'https://93.184.215.14/source.mp4' }, token));
    return ((await response.json()) as { job_id: string }).job_id;
  }

  const get = (path: string, headers: Record<string, string> = {}, as = token) => gw.request(path, { headers, token: as });
  const clipPath = () => `/videos/${jobId}/video_1_clip_1.mp4`;
  const bytesOf = async (response: Response) => Buffer.from(await response.arrayBuffer());
  /** Byte comparison without Jest's element-by-element diff, which takes seconds on 300 KB. */
  const expectSameBytes = (actual: Buffer, expected: Uint8Array) => {
    expect(actual.length).toBe(expected.length);
    expect(actual.equals(expected)).toBe(true);
  };

  it('serves the whole clip with its type, exact length and Accept-Ranges', async () => {
    const response = await get(clipPath());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(response.headers.get('content-length')).toBe(String(SIZE));
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('etag')).toMatch(/^"SHA-256=.+"$/);
    expectSameBytes(await bytesOf(response), clip);
  });

  it.each([
    ['the first bytes', 'bytes=0-99', 0, 99],
    ['a range across two chunks', 'bytes=131000-132999', 131_000, 132_999],
    ['an open-ended range', 'bytes=300000-', 300_000, SIZE - 1],
    ['the last 500 bytes', 'bytes=-500', SIZE - 500, SIZE - 1],
    ['a range past the end, clamped', 'bytes=200000-99999999', 200_000, SIZE - 1],
    ['a one-byte range', 'bytes=5-5', 5, 5],
  ])('answers %s with 206 and Content-Range', async (_case, range, start, end) => {
    const response = await get(clipPath(), { range });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/${SIZE}`);
    expect(response.headers.get('content-length')).toBe(String(end - start + 1));
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expectSameBytes(await bytesOf(response), clip.subarray(start, end + 1));
  });

  it.each([['bytes=307323-'], [`bytes=${SIZE}-${SIZE + 10}`], ['bytes=-0']])('answers the unsatisfiable range %s with 416', async (range) => {
    const response = await get(clipPath(), { range });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe(`bytes */${SIZE}`);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('range_not_satisfiable');
  });

  it.each([['bytes=0-9,20-29'], ['items=0-9'], ['bytes=abc'], ['bytes=9-0']])('ignores the range %s it does not serve, and sends the whole file', async (range) => {
    const response = await get(clipPath(), { range });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(SIZE));
    expect((await bytesOf(response)).length).toBe(SIZE);
  });

  it('honours If-Range: a stale validator gets the whole file, the current one the range', async () => {
    const etag = (await get(clipPath(), { range: 'bytes=0-0' })).headers.get('etag')!;
    expect((await get(clipPath(), { range: 'bytes=0-9', 'if-range': '"SHA-256=stale"' })).status).toBe(200);
    expect((await get(clipPath(), { range: 'bytes=0-9', 'if-range': etag })).status).toBe(206);
  });

  it('answers HEAD with the headers only', async () => {
    const response = await gw.request(clipPath(), { method: 'HEAD', token });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(SIZE));
    expect((await response.arrayBuffer()).byteLength).toBe(0);
  });

  it('types a file stored without a Content-Type by its extension', async () => {
    const response = await get(`/videos/${jobId}/thumb.jpg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
  });

  it('takes a stream token as ?access_token=, since a <video> element cannot send headers', async () => {
    const response = await gw.request(`${clipPath()}?access_token=${gw.streamToken(jobId)}`, { headers: { range: 'bytes=0-3' } });
    expect(response.status).toBe(206);
  });

  it('refuses any other token in ?access_token=, and a stream token of another job', async () => {
    const plain = await errorOf(await gw.request(`${clipPath()}?access_token=${token}`));
    expect(plain).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(plain.message).toMatch(/^Only a stream token is accepted in \?access_token=/);
    const admin = await errorOf(await gw.request(`${clipPath()}?access_token=${gw.token(['admin'])}`));
    expect(admin).toMatchObject({ status: 401, code: 'unauthorized' });
    const otherJob = await errorOf(await gw.request(`${clipPath()}?access_token=${gw.streamToken(otherJobId)}`));
    expect(otherJob).toMatchObject({ status: 401, message: 'This stream token is for another job' });
  });

  it.each([
    ['another project', () => clipPath(), () => gw.token(['job:read'], 'project-b')],
    ['a file of another job', () => `/videos/${jobId}/secret.mp4`, () => token],
    ['a file that does not exist', () => `/videos/${jobId}/nope.mp4`, () => token],
    ['an unknown job', () => `/videos/${randomUUID()}/video_1_clip_1.mp4`, () => token],
    ['a malformed job id', () => '/videos/not-a-job/video_1_clip_1.mp4', () => token],
    ['an encoded path traversal', () => `/videos/${jobId}/..%2F${otherJobId}%2Fsecret.mp4`, () => token],
    ['an encoded traversal to the uploads', () => `/videos/${jobId}/..%2F..%2Fuploads%2Fx.mp4`, () => token],
    ['a dot file', () => `/videos/${jobId}/.hidden`, () => token],
    ['a name with a control character', () => `/videos/${jobId}/clip%00.mp4`, () => token],
  ])('answers 404 for %s', async (_case, path, as) => {
    const response = await get(path(), {}, as());
    expect([response.status, ((await response.json()) as { error: { code: string } }).error.code]).toEqual([404, expect.stringMatching(/not_found$/)]);
  });

  it('answers 401 without a credential', async () => {
    expect((await errorOf(await gw.request(clipPath()))).status).toBe(401);
  });
});
