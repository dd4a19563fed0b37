import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { Objm } from '@nats-io/obj';
import { withTempDir } from '@jetjobs/media';
import { openTestEventStore, type TestEventStore } from '@jetjobs/testing';
import { fetchVideoSource, type DownloadProgress, type FetchVideoSourceOptions } from './fetch-video-source';
import { MediaStore } from './media-store';
import { PermanentError, RetryableError } from './worker-errors';

// An MP4 file's first box, then filler: downloads are recognised by their bytes.
const VIDEO = Buffer.alloc(256 * 1024, 7);
Buffer.from([0, 0, 0, 0x20, ...Buffer.from('ftypisom'), 0, 0, 2, 0, ...Buffer.from('isomiso2avc1mp41')]).copy(VIDEO);
const routes: Record<string, (response: ServerResponse) => void> = {
  '/clips/My%20Clip.mp4': (r) => r.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(VIDEO.length) }).end(VIDEO),
  '/download?id=9': (r) => r.writeHead(200, { 'content-type': 'application/octet-stream', 'content-disposition': 'attachment; filename="talk.webm"' }).end(VIDEO),
  '/moved': (r) => r.writeHead(302, { location: '/clips/My%20Clip.mp4' }).end(),
  '/page': (r) => r.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>'),
  '/busy': (r) => r.writeHead(503).end(),
  '/big': (r) => r.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(10 * VIDEO.length) }).end(),
  // No length declared: the cap must cut the stream itself.
  '/endless': (r) => {
    r.writeHead(200, { 'content-type': 'video/mp4' });
    for (let i = 0; i < 10; i++) r.write(VIDEO);
    r.end();
  },
};

let server: Server;
let base: string;
let events: TestEventStore;
let media: MediaStore;

beforeAll(async () => {
  server = createServer((request, response) => (routes[request.url ?? ''] ?? ((r: ServerResponse) => r.writeHead(404).end()))(response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  events = await openTestEventStore('fetchsrc');
  const bucket = await new Objm(events.nc).open(events.names.mediaBucket);
  await bucket.putBlob({ name: 'uploads/u1/clip.mov' }, VIDEO);
  media = new MediaStore(bucket);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await events.dispose();
});

/** Fetches in a fresh temp dir; returns the file's bytes, its name and the progress reports. */
async function fetchInto(source: Parameters<typeof fetchVideoSource>[0], options: Partial<FetchVideoSourceOptions> = {}) {
  return withTempDir('fetch-test', async (dir) => {
    const reports: DownloadProgress[] = [];
    const fetched = await fetchVideoSource(source, { media, dir, allowlist: ['127.0.0.1'], maxBytes: 1024 ** 2, timeoutMs: 5_000, onProgress: (p) => reports.push(p), ...options });
    return { ...fetched, bytes: await readFile(fetched.path), reports };
  });
}

const upload = (object: string, size = VIDEO.length) => ({ upload: { object, filename: 'clip.mov', size, contentType: 'video/quicktime' } });

describe('fetchVideoSource', () => {
  it('copies an upload out of the object store', async () => {
    const fetched = await fetchInto(upload('uploads/u1/clip.mov'));
    expect(fetched).toMatchObject({ filename: 'clip.mov', path: expect.stringMatching(/source\.mp4$/), demuxer: 'mov' });
    expect(fetched.bytes.equals(VIDEO)).toBe(true);
  });

  it('fails permanently for an upload that is gone or over the limit', async () => {
    await expect(fetchInto(upload('uploads/none/clip.mov'))).rejects.toMatchObject({ code: 'source_not_found' });
    // The real size counts, whatever size the input claims.
    await expect(fetchInto(upload('uploads/u1/clip.mov', 1), { maxBytes: 1024 })).rejects.toEqual(expect.any(PermanentError));
    await expect(fetchInto(upload('uploads/u1/clip.mov', 1), { maxBytes: 1024 })).rejects.toMatchObject({ code: 'source_too_large' });
  });

  it('downloads a URL, following redirects, named after the URL or Content-Disposition, with progress', async () => {
    const fetched = await fetchInto({ url: `${base}/moved` });
    expect(fetched).toMatchObject({ filename: 'My Clip.mp4', path: expect.stringMatching(/source\.mp4$/) });
    expect(fetched.bytes.equals(VIDEO)).toBe(true);
    expect(fetched.reports[fetched.reports.length - 1]).toEqual({ receivedBytes: VIDEO.length, totalBytes: VIDEO.length });
    expect((await fetchInto({ url: `${base}/download?id=9` })).filename).toBe('talk.webm');
  });

  it('classifies what goes wrong, permanent or retryable, with a code', async () => {
    const cases: Array<[string, Partial<FetchVideoSourceOptions>, typeof PermanentError | typeof RetryableError, string, RegExp]> = [
      [`${base}/clips/My%20Clip.mp4`, { allowlist: [] }, PermanentError, 'invalid_url', /loopback address/],
      ['http://169.254.169.254/latest/meta-data/', {}, PermanentError, 'invalid_url', /link-local/],
      [`${base}/page`, {}, PermanentError, 'source_not_video', /text\/html, not a video/],
      [`${base}/missing.mp4`, {}, PermanentError, 'source_not_found', /HTTP 404/],
      [`${base}/big`, {}, PermanentError, 'source_too_large', /larger than the limit of 1048576 bytes/],
      [`${base}/endless`, {}, PermanentError, 'source_too_large', /larger than the limit/],
      [`${base}/busy`, {}, RetryableError, 'source_unreachable', /HTTP 503/],
      ['http://127.0.0.1:1/video.mp4', {}, RetryableError, 'source_unreachable', /Could not reach 127\.0\.0\.1:1/],
    ];
    for (const [url, options, type, code, message] of cases) {
      const failure = fetchInto({ url }, options);
      await expect(failure).rejects.toBeInstanceOf(type);
      await expect(failure).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
    }
  });

  it('stops at once when the job is cancelled', async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled');
    controller.abort(reason);
    await expect(fetchInto({ url: `${base}/clips/My%20Clip.mp4` }, { signal: controller.signal })).rejects.toBe(reason);
  });
});
