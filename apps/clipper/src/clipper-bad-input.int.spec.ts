import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobEvent } from '@jetjobs/contracts';
import { eventually, generateTestVideo } from '@jetjobs/testing';
import type { ClipperResult } from './clip';
import { dataOf, logLines, startClipperHarness, type ClipperHarness } from './testing/clipper.harness';
import { probeRenderedClip } from './testing/probe-clip.harness';
import { generateTalkVideo } from './testing/talk-video';

describe('clipper on bad or awkward input', () => {
  let dir: string;
  let jobTemp: string;
  let harness: ClipperHarness;
  const previousTmp = process.env['JETJOBS_TMP_DIR'];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clipper-bad-'));
    // Every job of this file keeps its temp files here, so the tests can see them go.
    jobTemp = join(dir, 'jobs');
    await mkdir(jobTemp);
    process.env['JETJOBS_TMP_DIR'] = jobTemp;
    await generateTalkVideo(join(dir, 'silent.mp4'), { silentS: 48, dir });
    harness = await startClipperHarness('clipbad', { YT_DLP_PATH: join(dir, 'no-yt-dlp-here') });
  }, 120_000);

  afterAll(async () => {
    if (previousTmp === undefined) delete process.env['JETJOBS_TMP_DIR'];
    else process.env['JETJOBS_TMP_DIR'] = previousTmp;
    await harness?.close();
    await rm(dir, { recursive: true, force: true });
  });

  afterEach(async () => {
    expect(await readdir(jobTemp)).toEqual([]);
  });

  async function run(input: unknown): Promise<JobEvent[]> {
    return harness.waitFor(await harness.submit(input));
  }

  const failure = (events: JobEvent[]) => dataOf<{ error: { code: string; message: string } }>(events, 'JobFailed')[0]?.error;

  it('makes clips from scene cuts and visual activity when the video has no audio track, and says so', async () => {
    const events = await run({ source: { upload: await harness.upload(join(dir, 'silent.mp4')) } });
    expect(events.at(-1)?.type).toBe('JobCompleted');
    const { clips, cost_analysis } = dataOf<{ result: ClipperResult }>(events, 'JobCompleted')[0]?.result as ClipperResult;
    expect(clips.length).toBeGreaterThanOrEqual(1);
    for (const clip of clips) expect(clip.end - clip.start).toBeGreaterThanOrEqual(15);
    expect(logLines(events)).toContain('No audio track: moments are chosen from scene cuts and visual activity only.');
    expect(cost_analysis).toEqual({ total_cost: 0, gemini_api_calls: 0, whisper_duration_seconds: 0 });
  }, 120_000);

  it('completes without clips, saying why, when the video is shorter than a clip', async () => {
    await generateTestVideo(join(dir, 'short.mp4'), { durationS: 9, audio: 'tone' });
    const events = await run({ source: { upload: await harness.upload(join(dir, 'short.mp4')) } });
    expect(events.at(-1)?.type).toBe('JobCompleted');
    expect((dataOf<{ result: ClipperResult }>(events, 'JobCompleted')[0]?.result as ClipperResult).clips).toEqual([]);
    expect(logLines(events).some((line) => /^The video is 9\.\d s long, shorter than the 15 s minimum clip length: no clips/.test(line))).toBe(true);
  }, 60_000);

  it('fails a file that is not a video with the reason', async () => {
    await writeFile(join(dir, 'notes.mp4'), 'these are my meeting notes, not a video');
    const events = await run({ source: { upload: await harness.upload(join(dir, 'notes.mp4')) } });
    // Sniffed before any tool reads it.
    expect(failure(events)).toEqual({
      code: 'source_not_video',
      message: 'The uploaded file "notes.mp4" is not a video file in a container this service reads (MP4, QuickTime, 3GP, WebM, Matroska, AVI, FLV, Ogg, MPEG-TS or MPEG-PS)',
    });
  }, 60_000);

  it('fails a URL whose host does not exist, and one on a private network, with the reason', async () => {
    const missing = await run({ source: { url: 'http://clips.invalid/talk.mp4' } });
    expect(failure(missing)).toMatchObject({ code: 'invalid_url', message: expect.stringContaining('"clips.invalid" could not be resolved') });
    const internal = await run({ source: { url: 'http://10.1.2.3/talk.mp4' } });
    expect(failure(internal)).toMatchObject({ code: 'invalid_url', message: expect.stringContaining('only URLs on the public internet') });
  }, 60_000);

  it('reports an unreachable server as a failed attempt for the retry policy, naming the host', async () => {
    const server = await listen((_request, response) => response.end());
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const jobId = await harness.submit({ source: { url: `http://127.0.0.1:${port}/talk.mp4` } });
    const events = await harness.waitFor(jobId, (e) => e.type === 'JobAttemptFailed' || e.type === 'JobFailed');
    expect(events.at(-1)?.data).toMatchObject({ error: { code: 'source_unreachable', message: expect.stringContaining(`127.0.0.1:${port}`) } });
  }, 60_000);

  it('fails a URL that serves a web page instead of a video', async () => {
    const server = await listen((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>'));
    const { port } = server.address() as AddressInfo;
    try {
      const events = await run({ source: { url: `http://127.0.0.1:${port}/watch` } });
      expect(failure(events)).toMatchObject({ code: 'source_not_video', message: 'The URL points to text/html, not a video' });
    } finally {
      server.close();
    }
  }, 60_000);

  it('fails a YouTube URL with a clear reason when yt-dlp is not installed', async () => {
    const events = await run({ source: { url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' } });
    expect(failure(events)).toMatchObject({ code: 'youtube_unsupported', message: expect.stringMatching(/yt-dlp, which is not installed.*upload the video file/) });
  }, 60_000);

  it('stops ffmpeg mid-render when the job is cancelled and leaves no temp files', async () => {
    const jobId = await harness.submit({ source: { upload: await harness.upload(join(dir, 'silent.mp4')) }, burnCaptions: true });
    await harness.waitFor(jobId, (e) => e.type === 'JobLogged' && (e.data as { line: string }).line.startsWith('Rendering clip 1'));
    const renderer = await eventually(async () => (await childProcesses('ffmpeg'))[0]);
    await harness.cancel(jobId);
    const events = await harness.waitFor(jobId);
    expect(events.at(-1)?.type).toBe('JobCancelled');
    expect(events.some((e) => e.type === 'JobOutputAdded')).toBe(false);
    expect(await childProcesses('ffmpeg')).not.toContain(renderer);
  }, 120_000);

  it('renders at the original aspect on request', async () => {
    const jobId = await harness.submit({ source: { upload: await harness.upload(join(dir, 'silent.mp4')) }, aspect: 'original' });
    const events = await harness.waitFor(jobId, (e) => e.type === 'JobOutputAdded');
    const file = join(dir, 'original.mp4');
    await harness.media.download(`clips/${jobId}/clip_1.mp4`, file);
    expect(await probeRenderedClip(file)).toMatchObject({ width: 640, height: 360, hasAudio: false });
    expect(events.at(-1)?.type).toBe('JobOutputAdded');
    await harness.waitFor(jobId);
  }, 120_000);
});

function listen(handler: Parameters<typeof createServer>[1]): Promise<Server> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Pids of this process's children running `command` (read from /proc, no shell). */
async function childProcesses(command: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const match = /^\d+ \((.*)\) \S+ (\d+)/.exec(stat);
    if (match?.[1] === command && Number(match[2]) === process.pid) pids.push(Number(entry));
  }
  return pids;
}
