import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTestVideo } from '@jetjobs/testing';
import { runProcess } from '@jetjobs/media';
import { FacePool } from './local/face-pool';
import { createLocalBackend } from './local/local-backend';
import { resultOf, startAvfTestWorker, type AvfTestWorker } from './testing/avf-worker.harness';

const CONTAINERS = 'MP4, QuickTime, 3GP, WebM, Matroska, AVI, FLV, Ogg, MPEG-TS or MPEG-PS';

describe('avf worker inputs: uploads, URLs and bad files (real ffmpeg and NATS)', () => {
  let avf: AvfTestWorker;
  let dir: string;
  let files: Server;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'avf-bad-'));
    const pool = await FacePool.start(1, { detectorSkipFrames: 10, minConfidence: 0.5 });
    // URL sources are fetched with the platform's checks; this local file server is allowed by name.
    avf = await startAvfTestWorker('avfin', createLocalBackend(pool, { maxLag: 15, frameWidth: 640 }), ['127.0.0.1']);
    files = createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'video/mp4' });
      createReadStream(join(dir, (request.url ?? '').slice(1))).pipe(response);
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await avf?.close();
    await new Promise((resolve) => files?.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  /** The job fails once, permanently: no failed attempt for the retry policy to run again. */
  async function failureOf(jobId: string) {
    const events = await avf.finish(jobId);
    expect(events.map((e) => e.type)).toEqual(['JobSubmitted', 'JobStarted', ...events.slice(2, -1).map(() => 'JobLogged'), 'JobFailed']);
    return (events.at(-1)!.data as { error: { code: string; message: string } }).error;
  }

  it('fails a zero-byte file as empty', async () => {
    const file = join(dir, 'empty.mp4');
    await writeFile(file, '');
    expect(await failureOf(await avf.submit(file))).toEqual({ code: 'empty_file', message: 'The uploaded file "empty.mp4" is empty (0 bytes)' });
  });

  // Sniffed before any tool reads it: an audio container is refused as not a video.
  it('fails an audio-only file as not a video', async () => {
    const source = join(dir, 'talk.mp4');
    const audioOnly = join(dir, 'talk.m4a');
    await generateTestVideo(source, { durationS: 1 });
    await runProcess('ffmpeg', ['-v', 'error', '-i', source, '-vn', '-c:a', 'copy', audioOnly]);
    expect(await failureOf(await avf.submit(audioOnly))).toEqual({ code: 'source_not_video', message: `The uploaded file "talk.m4a" is not a video file in a container this service reads (${CONTAINERS})` });
  });

  it('fails bytes that are not a video as not a video, before any tool reads them', async () => {
    const file = join(dir, 'notes.mp4');
    await writeFile(file, 'these are meeting notes, not a video\n'.repeat(50));
    expect(await failureOf(await avf.submit(file))).toEqual({ code: 'source_not_video', message: `The uploaded file "notes.mp4" is not a video file in a container this service reads (${CONTAINERS})` });
  });

  it('fails a truncated mp4 as invalid media, or as truncated when its index survived the cut', async () => {
    const file = join(dir, 'cut.mp4');
    await generateTestVideo(file, { durationS: 2 });
    const faststart = join(dir, 'cut-faststart.mp4');
    await runProcess('ffmpeg', ['-v', 'error', '-i', file, '-c', 'copy', '-movflags', '+faststart', faststart]);
    for (const cut of [file, faststart]) await truncate(cut, Math.floor((await stat(cut)).size / 2));

    expect(await failureOf(await avf.submit(file))).toMatchObject({ code: 'invalid_media', message: expect.stringMatching(/not a readable video/) });
    expect(await failureOf(await avf.submit(faststart))).toMatchObject({ code: 'truncated_media', message: expect.stringMatching(/^The video is truncated: its header announces 50 frames but only 2\d can be read$/) });
  });

  it('fails an input without a source as invalid input', async () => {
    expect(await failureOf(await avf.submitInput({ sequenceLength: 50 }))).toMatchObject({ code: 'invalid_input' });
  });

  it('keeps serving: the next, valid job completes', async () => {
    const file = join(dir, 'fine.mp4');
    await generateTestVideo(file, { durationS: 1, width: 160, height: 120 });
    const result = resultOf(await avf.finish(await avf.submit(file)));
    expect(result).toMatchObject({ success: true, metadata: { video_frames: 25, inconclusive: true, source_filename: 'fine.mp4' } });
  });

  it('analyses a video from a URL, named after the URL', async () => {
    await generateTestVideo(join(dir, 'remote.mp4'), { durationS: 1, width: 160, height: 120 });
    const url = `http://127.0.0.1:${(files.address() as AddressInfo).port}/remote.mp4`;
    const result = resultOf(await avf.finish(await avf.submitInput({ source: { url } })));
    expect(result).toMatchObject({ success: true, metadata: { video_frames: 25, source_filename: 'remote.mp4' } });
  });
});
