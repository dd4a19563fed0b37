import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdir } from 'node:fs/promises';
import { Objm } from '@nats-io/obj';
import { withTempDir } from '@jetjobs/media';
import { openTestEventStore, type TestEventStore } from '@jetjobs/testing';
import { fetchVideoSource, type FetchVideoSourceOptions } from './fetch-video-source';
import { MediaStore } from './media-store';
import { PermanentError, RetryableError } from './worker-errors';

const MP4_HEAD = Buffer.from([0, 0, 0, 0x20, ...Buffer.from('ftypisom'), 0, 0, 2, 0, ...Buffer.from('isomiso2avc1mp41')]);
const VIDEO = Buffer.concat([MP4_HEAD, Buffer.alloc(64 * 1024, 7)]);
const HLS = '#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile:///etc/passwd\n#EXTINF:10,\nhttp://169.254.169.254/latest/meta-data/\n#EXT-X-ENDLIST\n';
const FFCONCAT = 'ffconcat version 1.0\nfile /etc/passwd\n';
const stalled: ServerResponse[] = [];

const routes: Record<string, (response: ServerResponse) => void> = {
  '/talk.m3u8': (r) => r.writeHead(200, { 'content-type': 'application/octet-stream' }).end(HLS),
  '/list.ffconcat': (r) => r.writeHead(200, { 'content-type': 'application/octet-stream' }).end(FFCONCAT),
  '/real.m3u8': (r) => r.writeHead(200, { 'content-type': 'application/octet-stream' }).end(VIDEO),
  // Accepts the request, then sends nothing at all: no status line, no headers.
  '/silent.mp4': (r) => void stalled.push(r),
  // Sends the headers and part of the body, then goes quiet.
  '/half.mp4': (r) => {
    r.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(VIDEO.length * 4) });
    r.write(VIDEO);
    stalled.push(r);
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
  events = await openTestEventStore('fetchsafe');
  const bucket = await new Objm(events.nc).open(events.names.mediaBucket);
  await bucket.putBlob({ name: 'uploads/u1/list.mp4' }, Buffer.from(FFCONCAT));
  media = new MediaStore(bucket);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await events.dispose();
});

async function fetchInto(source: Parameters<typeof fetchVideoSource>[0], options: Partial<FetchVideoSourceOptions> = {}) {
  return withTempDir('fetch-safety', async (dir) => {
    try {
      return { ...(await fetchVideoSource(source, { media, dir, allowlist: ['127.0.0.1'], maxBytes: 1024 ** 2, timeoutMs: 60_000, ...options })), files: await readdir(dir) };
    } catch (error) {
      // What is left for a tool to read after a refusal: nothing under the tenant's name.
      throw Object.assign(error as Error, { files: await readdir(dir) });
    }
  });
}

describe('fetchVideoSource: what reaches ffmpeg', () => {
  it.each([
    ['an HLS playlist', '/talk.m3u8'],
    ['an ffconcat list', '/list.ffconcat'],
  ])('refuses %s as not a video, permanently, before any tool reads it', async (_name, path) => {
    const failure = fetchInto({ url: `${base}${path}` });
    await expect(failure).rejects.toBeInstanceOf(PermanentError);
    await expect(failure).rejects.toMatchObject({ code: 'source_not_video', message: expect.stringContaining('is not a video file') });
    const files = await failure.then(() => [] as string[], (error: { files: string[] }) => error.files);
    expect(files.filter((name) => /\.(m3u8|ffconcat)$/.test(name))).toEqual([]);
  });

  it('refuses an upload whose bytes are a concat list', async () => {
    const upload = { upload: { object: 'uploads/u1/list.mp4', filename: 'list.mp4', size: FFCONCAT.length, contentType: 'video/mp4' } };
    await expect(fetchInto(upload)).rejects.toMatchObject({ code: 'source_not_video' });
  });

  it('names a real video by its bytes, whatever the URL calls it, with the demuxer to open it with', async () => {
    const fetched = await fetchInto({ url: `${base}/real.m3u8` });
    expect(fetched).toMatchObject({ filename: 'real.m3u8', path: expect.stringMatching(/source\.mp4$/), demuxer: 'mov', container: 'mp4' });
    expect(fetched.files).toEqual(['source.mp4']);
  });
});

describe('fetchVideoSource: a source that stops sending', () => {
  it.each([
    ['before the headers', '/silent.mp4'],
    ['in the middle of the body', '/half.mp4'],
  ])('fails the attempt as retryable once it is silent %s for the idle limit', async (_when, path) => {
    const started = performance.now();
    const failure = fetchInto({ url: `${base}${path}` }, { idleTimeoutMs: 300 });
    await expect(failure).rejects.toBeInstanceOf(RetryableError);
    await expect(failure).rejects.toMatchObject({ code: 'source_stalled', message: expect.stringMatching(/^The source stalled: 127\.0\.0\.1:\d+ sent nothing for 0\.3 s$/) });
    // Well inside the overall deadline of 60 s: the silence ended it, not the deadline.
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('still ends a source that keeps the connection busy past the overall deadline', async () => {
    const failure = fetchInto({ url: `${base}/half.mp4` }, { idleTimeoutMs: 60_000, timeoutMs: 300 });
    await expect(failure).rejects.toMatchObject({ code: 'source_unreachable', message: expect.stringContaining('within 300 ms') });
  });
});
