import { request as httpRequest } from 'node:http';
import { Objm, type ObjectStore } from '@nats-io/obj';
import type { MediaRef } from '@jetjobs/contracts';
import { eventually } from '@jetjobs/testing';
import type { JobJson } from '@jetjobs/dialects';
import { streamingUpload } from '../testing/streaming-upload';
import { errorOf, startTestGateway, type TestGateway } from '../testing/test-gateway';
import { startTestRegistry, type TestRegistry } from '../testing/test-registry';
import { fileForm, mp4Bytes, pngBytes } from '../testing/video-fixtures';

const MiB = 1024 * 1024;

// Uploads through the AVF submit route (a 100 MiB limit), against the real object store.
describe('video uploads into the object store', () => {
  let gw: TestGateway;
  let registry: TestRegistry;
  let bucket: ObjectStore;
  let token: string;
  beforeAll(async () => {
    gw = await startTestGateway('gwup');
    registry = await startTestRegistry(gw.config.JETJOBS_NAMESPACE);
    bucket = await new Objm(gw.events.nc).open(gw.events.names.mediaBucket);
    token = gw.token(['avf:infer', 'job:read']);
  }, 30_000);
  afterAll(async () => {
    await gw.close();
    await registry?.close();
  });

  const upload = (body: FormData | string, headers: Record<string, string> = {}) =>
    gw.request('/api-gateway/avf/infer', { method: 'POST', body, token, headers });
  const storedUploads = async () => (await bucket.list()).filter((info) => info.name.startsWith('uploads/') && !info.deleted);
  const uploadOf = async (requestId: string): Promise<MediaRef> => {
    const job = (await (await gw.request(`/v1/jobs/${requestId}`, { token })).json()) as JobJson;
    return (job.input as { source: { upload: MediaRef } }).source.upload;
  };

  it('stores the file byte for byte and records what it is from its content, not its declared type', async () => {
    const bytes = mp4Bytes(300 * 1024 + 17);
    const response = await upload(fileForm(bytes, 'holiday.mp4', 'application/octet-stream'));
    expect(response.status).toBe(202);
    const { data } = (await response.json()) as { data: { metadata: { request_id: string } } };

    const ref = await uploadOf(data.metadata.request_id);
    expect(ref).toEqual({ object: expect.stringMatching(/^uploads\/[0-9a-f-]{36}\/holiday\.mp4$/), filename: 'holiday.mp4', size: bytes.length, contentType: 'video/mp4' });
    // Buffer.equals: Jest's element-by-element comparison takes seconds on 300 KB.
    expect(Buffer.from((await bucket.getBlob(ref.object))!).equals(bytes)).toBe(true);
    expect((await bucket.info(ref.object))?.headers?.get('Content-Type')).toBe('video/mp4');
  });

  it('sanitises the stored name: no path, no control characters, bounded', async () => {
    const boundary = 'xYzBoundary';
    const name = `../../etc/\u0007pass\u202Ewd${'n'.repeat(300)}.mp4`;
    const body = Buffer.concat([
      // RFC 5987 encoding: the only way control characters survive a part header.
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''${encodeURIComponent(name)}\r\nContent-Type: video/mp4\r\n\r\n`),
      mp4Bytes(2048),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const response = await gw.request('/api-gateway/avf/infer', { method: 'POST', body, token, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(response.status).toBe(202);
    const { data } = (await response.json()) as { data: { metadata: { request_id: string; source_filename: string } } };
    const ref = await uploadOf(data.metadata.request_id);
    expect(ref.filename).toBe(data.metadata.source_filename);
    expect(ref.filename).toMatch(/^passwdn+\.mp4$/);
    expect(ref.filename.length).toBeLessThanOrEqual(120);
    expect(ref.object).toBe(`${ref.object.split('/').slice(0, 2).join('/')}/${ref.filename}`);
  });

  it.each([
    ['a form without a file', () => { const f = new FormData(); f.append('note', 'hi'); return f; }, 'file: is required'],
    ['an empty file', () => fileForm(new Uint8Array(0), 'empty.mp4'), 'is empty'],
    ['a PNG named x.mp4 and declared video/mp4', () => fileForm(pngBytes(), 'x.mp4', 'video/mp4'), '"x.mp4" is not a video'],
    ['a text file', () => fileForm(new TextEncoder().encode('just some text, not a video'.repeat(100)), 'notes.mp4'), 'is not a video'],
    ['the file in another field', () => { const f = new FormData(); f.append('video', new Blob([mp4Bytes(2048)]), 'v.mp4'); return f; }, 'field "video"'],
    ['two files', () => { const f = fileForm(mp4Bytes(2048)); f.append('file', new Blob([mp4Bytes(2048)]), 'b.mp4'); return f; }, 'one file only'],
  ])('refuses %s with 400 and stores nothing', async (_case, form, message) => {
    const before = (await storedUploads()).length;
    const error = await errorOf(await upload(form()));
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(error.message).toContain(message);
    expect((await storedUploads()).length).toBe(before);
  });

  it.each([
    ['a multipart type without a boundary', 'multipart/form-data', 'xx', 'Boundary not found'],
    ['a body cut off mid-form', 'multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="file"; filename="v.mp4"\r\n\r\n', 'Malformed multipart body'],
  ])('refuses %s with 400', async (_case, type, body, message) => {
    const error = await errorOf(await upload(body, { 'content-type': type }));
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(error.message).toContain(message);
  });

  it('refuses a body that is not multipart with 400 naming the expected form', async () => {
    const error = await errorOf(await upload(JSON.stringify({ file: 'x' }), { 'content-type': 'application/json' }));
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(error.message).toContain('multipart/form-data');
  });

  /** Peak resident memory of this process (gateway and client both) while `work` runs. */
  async function peakRssGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
    const base = process.memoryUsage().rss;
    let peak = base;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    try {
      const result = await work();
      return { result, growth: Math.max(peak, process.memoryUsage().rss) - base };
    } finally {
      clearInterval(sampler);
    }
  }

  it('refuses 120 MB with a declared length at once with 413, and cuts the upload off', async () => {
    const { result, growth } = await peakRssGrowth(() => streamingUpload(`${gw.url}/api-gateway/avf/infer`, token, 120 * MiB, true));
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body)).toEqual({ error: { code: 'payload_too_large', message: expect.stringContaining('100 MiB') } });
    expect(result.responseAfterMs).toBeLessThan(1_000);
    expect(result.cutOff).toBe(true);
    expect(result.sentBytes).toBeLessThan(60 * MiB);
    expect(growth).toBeLessThan(64 * MiB); // the test process's RSS: client and gateway together
  }, 30_000);

  it('stops a chunked 120 MB upload at the limit with 413, memory flat, and removes what was stored', async () => {
    const { result, growth } = await peakRssGrowth(() => streamingUpload(`${gw.url}/api-gateway/avf/infer`, token, 120 * MiB, false));
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body).error.code).toBe('payload_too_large');
    expect(result.cutOff).toBe(true);
    expect(result.sentBytes).toBeLessThan(115 * MiB);
    // The gateway never holds the file: memory grows by well under the 100 MiB it stored. The RSS
    // measured is the test process's, which also runs the client and NATS buffers, hence the margin.
    expect(growth).toBeLessThan(64 * MiB);
    expect(await storedUploads()).not.toContainEqual(expect.objectContaining({ name: expect.stringContaining('big.mp4') }));
    const { state } = await gw.events.store.jsm.streams.info(`OBJ_${gw.events.names.mediaBucket}`);
    expect(state.bytes).toBeLessThan(10 * MiB);
  }, 60_000);

  it('removes what was stored when the client goes away mid-upload', async () => {
    const objectBytes = async () => (await gw.events.store.jsm.streams.info(`OBJ_${gw.events.names.mediaBucket}`)).state.bytes;
    const before = await objectBytes();
    const boundary = 'gone';
    const request = httpRequest(`${gw.url}/api-gateway/avf/infer`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    request.on('error', () => undefined);
    request.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="gone.mp4"\r\n\r\n`);
    request.write(mp4Bytes(8 * MiB));
    // Once chunks have reached the store, the client disappears.
    await eventually(async () => ((await objectBytes()) > before + MiB ? true : undefined), 10_000);
    request.destroy();
    await eventually(async () => ((await objectBytes()) < before + MiB ? true : undefined), 10_000);
    expect(await storedUploads()).not.toContainEqual(expect.objectContaining({ name: expect.stringContaining('gone.mp4') }));
  });

  it('answers 401 without reading an unauthenticated upload', async () => {
    const response = await gw.request('/api-gateway/avf/infer', { method: 'POST', body: fileForm(mp4Bytes(4096)) });
    expect((await errorOf(response)).status).toBe(401);
  });

  it('still serves requests normally after refusing uploads', async () => {
    expect((await upload(fileForm(mp4Bytes(4096)))).status).toBe(202);
  });
});
