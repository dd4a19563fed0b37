import { readFile, stat, truncate, mkdtemp, rm, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobEvent } from '@jetjobs/contracts';
import { eventually, isTerminalEvent, openSse, readSse, submitTestJob, waitForJobEvent } from '@jetjobs/testing';
import type { FrameClassifier } from './classifiers/frame-classifier';
import { createNsfwjsClassifier } from './classifiers/local/nsfwjs-classifier';
import type { ModerationResult } from './pipeline/moderation-result';
import { childProcesses } from './testing/child-processes';
import { composeVideo, PHOTOS } from './testing/fixture-videos';
import { startMediaServer, type MediaServer } from './testing/media-server';
import { startModerationPlatform, type ModerationPlatform } from './testing/moderation-platform';

// One file, so the model is loaded once: the real nsfwjs model on real NATS, PostgreSQL, ffmpeg,
// with the gateway's moderation API in front. Videos are made at test time.
// Each test runs the real model over real video: up to a minute on a shared two-core machine.
const MODEL_TEST_TIMEOUT_MS = 60_000;

let dir: string;
let classifier: FrameClassifier;
let platform: ModerationPlatform;
let server: MediaServer;
const video = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'moderation-e2e-'));
  [classifier] = await Promise.all([createNsfwjsClassifier({ threads: 1 }), makeFixtures()]);
  platform = await startModerationPlatform(classifier);
  server = await startMediaServer({
    '/flagged.mp4': { file: video('flagged.mp4'), contentType: 'video/mp4' },
    '/flash.mp4': { file: video('flash.mp4'), contentType: 'video/mp4' },
    '/clean.mp4': { file: video('clean.mp4'), contentType: 'video/mp4' },
    '/long.mp4': { file: video('long.mp4'), contentType: 'video/mp4' },
    '/corrupt.mp4': { file: video('corrupt.mp4'), contentType: 'application/octet-stream' },
    '/page.html': { text: '<html><body>Not a video</body></html>', contentType: 'text/html; charset=utf-8' },
    '/huge.mp4': { declaredBytes: 500 * 1024 ** 2 },
  });
}, 180_000);

afterAll(async () => {
  await server?.close();
  await platform?.close();
  await classifier?.close();
  await rm(dir, { recursive: true, force: true });
});

async function makeFixtures(): Promise<void> {
  const pattern = (seconds: number) => ({ pattern: 'testsrc2', seconds });
  await Promise.all([
    composeVideo(video('clean.mp4'), [pattern(2), { image: PHOTOS.portrait, seconds: 2 }, { pattern: 'smptebars', seconds: 2 }], { speech: 'This video is perfectly safe to watch.' }),
    // The photo from 2 s to 6 s: interval samples 2, 3, 4 and 5 see it.
    composeVideo(video('flagged.mp4'), [pattern(2), { image: PHOTOS.groupOnStairs, seconds: 4 }, pattern(2)]),
    // The photo from 2.5 s to 3.1 s: one interval sample (3) and its scene-cut sample (2.5).
    composeVideo(video('flash.mp4'), [pattern(2.5), { image: PHOTOS.groupOnStairs, seconds: 0.6 }, pattern(2.9)]),
    // Longer than decoding may run ahead of classification: the 8 MB prefetch buffer and the chunk
    // being split into frames hold up to 16 MB, 110 samples of 224×224.
    composeVideo(video('long.mp4'), [pattern(180)], { size: '320x240' }),
  ]);
  await copyFile(video('clean.mp4'), video('corrupt.mp4'));
  await truncate(video('corrupt.mp4'), Math.floor((await stat(video('corrupt.mp4'))).size / 4));
}

let workerStarted = false;
async function ensureWorker(): Promise<void> {
  if (workerStarted) return;
  workerStarted = true;
  await platform.startWorker();
}

async function submitUrl(url: string): Promise<string> {
  const response = await platform.request('/api/v1/moderate/video', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ video_url: url }) });
  expect(response.status).toBe(202);
  return ((await response.json()) as { job_id: string }).job_id;
}

const untilTerminal = (jobId: string) => waitForJobEvent(platform.events.store, jobId, isTerminalEvent, 50_000);
const resultOf = (events: JobEvent[]) => {
  const last = events[events.length - 1];
  if (last?.type !== 'JobCompleted') throw new Error(`expected JobCompleted, got ${last?.type}: ${JSON.stringify(last?.data)}`);
  return last.data.result as ModerationResult;
};

it('streams frame-by-frame progress over the moderation API and passes a clean video', async () => {
  const form = new FormData();
  form.append('file', new Blob([await readFile(video('clean.mp4'))], { type: 'video/mp4' }), 'clean.mp4');
  const submitted = await platform.request('/api/v1/moderate/video', { method: 'POST', body: form });
  expect(submitted.status).toBe(202);
  const { job_id: jobId } = (await submitted.json()) as { job_id: string };

  // Listening before any worker runs, so every progress event is seen.
  const sse = await openSse(platform.url(`/api/v1/job/${jobId}/progress`), platform.authorization());
  const messages = readSse(sse, () => false);
  await ensureWorker();
  const events = (await messages).map((m) => ({ event: m.event, ...(JSON.parse(m.data) as { progress: number; status: string; frames_completed?: number; frame_count?: number }) }));

  expect(events[0]).toMatchObject({ event: 'connected', status: 'queued', progress: 0 });
  // The frames as reported while processing; the final event repeats the last count with the verdict's status.
  const frames = events.filter((e) => e.frame_count !== undefined && e.status === 'processing');
  const frameCount = frames[0]?.frame_count ?? 0;
  expect(frameCount).toBeGreaterThanOrEqual(6);
  expect(frames.every((e) => e.frame_count === frameCount && e.progress < 100)).toBe(true);
  expect(frames.map((e) => e.frames_completed)).toEqual(Array.from({ length: frameCount + 1 }, (_, i) => i));
  expect(events[events.length - 1]).toMatchObject({ status: 'completed', progress: 100, frames_completed: frameCount });

  await untilTerminal(jobId);
  const status = (await (await platform.request(`/api/v1/job/${jobId}`)).json()) as Record<string, unknown>;
  expect(status).toMatchObject({ job_id: jobId, status: 'completed', is_prohibited: false });
  expect(status['categories']).toMatchObject({ nsfw: false, porn: false, hentai: false, sexy: false, violence: 'not_assessed', minors: 'not_assessed', custom: {} });
}, MODEL_TEST_TIMEOUT_MS);

it('flags a video where a photo the model scores as Porn persists, with timestamps and stored thumbnails', async () => {
  await ensureWorker();
  const jobId = await submitUrl(server.url('/flagged.mp4'));
  const events = await untilTerminal(jobId);
  const result = resultOf(events);

  expect(events.some((e) => e.type === 'JobProgressed' && /^Downloading the video/.test(e.data.detail ?? ''))).toBe(true);
  expect(result).toMatchObject({ is_prohibited: true, categories: { nsfw: true, porn: true, violence: 'not_assessed', custom: {} } });
  // The encoder's first frame of the photo is softer, and may score under the threshold.
  expect(result.reason).toMatch(/^Flagged: porn from [23]\.0 s to 5\.0 s/);
  const porn = result.evidence.filter((e) => e.category === 'porn');
  expect(porn).toHaveLength(1);
  expect(porn[0]?.start).toBeGreaterThanOrEqual(2);
  expect(porn[0]?.start).toBeLessThanOrEqual(3);
  expect(porn[0]?.end).toBe(5);
  expect(porn[0]?.timestamp).toBeGreaterThanOrEqual(2);
  expect(porn[0]?.timestamp).toBeLessThanOrEqual(5);
  expect(porn[0]?.score).toBeGreaterThanOrEqual(0.5);
  expect(porn[0]?.thumbnail).toBe(`/videos/${jobId}/thumb-${porn[0]?.timestamp}.jpg`);
  expect(porn[0]?.thumbnail_object).toBe(`clips/${jobId}/thumb-${porn[0]?.timestamp}.jpg`);

  const thumbnail = await platform.request(porn[0]?.thumbnail ?? '');
  expect(thumbnail.status).toBe(200);
  expect(thumbnail.headers.get('content-type')).toBe('image/jpeg');
  expect([...new Uint8Array(await thumbnail.arrayBuffer()).subarray(0, 2)]).toEqual([0xff, 0xd8]);
}, MODEL_TEST_TIMEOUT_MS);

it('does not flag the same photo seen by a single interval sample (persistence rule)', async () => {
  await ensureWorker();
  const result = resultOf(await untilTerminal(await submitUrl(server.url('/flash.mp4'))));
  expect(result.max_scores.porn).toBeGreaterThanOrEqual(0.5); // the frame itself was over the threshold
  expect(result).toMatchObject({ is_prohibited: false, categories: { porn: false, nsfw: false } });
  expect(result.evidence).toEqual([]);
  expect(result.scene_cuts).toBeGreaterThanOrEqual(1);
}, MODEL_TEST_TIMEOUT_MS);

it('fails bad input with a code and a reason, retries only what may pass, and keeps serving', async () => {
  await ensureWorker();
  const refused = await platform.request('/api/v1/moderate/video', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ video_url: 'http://169.254.169.254/latest/meta-data/' }) });
  expect(refused.status).toBe(400);
  expect(await refused.json()).toMatchObject({ error: { code: 'INVALID_REQUEST' } });

  // The worker checks again, for inputs that reach it some other way (no connection is made).
  const privateJob = await submitTestJob(platform.events.store, { kind: 'moderation', projectId: 'project-m', input: { source: { url: 'http://169.254.169.254/latest/meta-data/' } } });
  const cases = [
    { jobId: privateJob.jobId, code: 'invalid_url', reason: /link-local/, attempts: 1 },
    { jobId: await submitUrl(server.url('/page.html')), code: 'source_not_video', reason: /text\/html, not a video/, attempts: 1 },
    { jobId: await submitUrl(server.url('/huge.mp4')), code: 'source_too_large', reason: /larger than the limit/, attempts: 1 },
    { jobId: await submitUrl(server.url('/corrupt.mp4')), code: 'invalid_media', reason: /not a readable video|no video frames|could not be decoded/, attempts: 1 },
    { jobId: await submitUrl('http://127.0.0.1:1/video.mp4'), code: 'source_unreachable', reason: /Could not reach 127\.0\.0\.1:1/, attempts: 2 },
  ];
  for (const { jobId, code, reason, attempts } of cases) {
    const events = await untilTerminal(jobId);
    expect(events[events.length - 1]?.type).toBe('JobFailed');
    expect(events.filter((e) => e.type === 'JobStarted')).toHaveLength(attempts);
    const status = (await (await platform.request(`/api/v1/job/${jobId}`)).json()) as Record<string, unknown>;
    expect(status).toMatchObject({ status: 'failed', error_code: code, is_prohibited: null });
    expect(status['reason']).toMatch(reason);
  }

  const after = resultOf(await untilTerminal(await submitUrl(server.url('/clean.mp4'))));
  expect(after.is_prohibited).toBe(false);
}, MODEL_TEST_TIMEOUT_MS);

it('stops the frame loop and kills ffmpeg when the job is cancelled mid-run', async () => {
  await ensureWorker();
  const jobId = await submitUrl(server.url('/long.mp4'));
  const seen = await waitForJobEvent(platform.events.store, jobId, (e) => isTerminalEvent(e) || (e.type === 'JobProgressed' && e.data.frameCount !== null), 50_000);
  const last = seen[seen.length - 1];
  expect(last?.type === 'JobProgressed' ? 'progressing' : last?.data).toBe('progressing');
  const frameCount = seen.flatMap((e) => (e.type === 'JobProgressed' && e.data.frameCount !== null ? [e.data.frameCount] : []))[0] ?? 0;
  expect(frameCount).toBeGreaterThanOrEqual(90);
  // The frame-extracting ffmpeg is at work (it runs ahead of classification by a bounded buffer
  // only): cancel now. Watching the process, not the events, keeps a loaded machine's lag out.
  await eventually(async () => ((await childProcesses('ffmpeg', 'sample-frames')).length > 0 ? true : undefined), 20_000, 20);
  const cancel = await platform.request(`/v1/jobs/${jobId}/cancel`, { method: 'POST' });
  expect({ status: cancel.status, body: cancel.status < 300 ? null : await cancel.text() }).toEqual({ status: 200, body: null });
  const events = await untilTerminal(jobId);
  expect(events[events.length - 1]?.type).toBe('JobCancelled');
  const completed = Math.max(...events.map((e) => (e.type === 'JobProgressed' ? (e.data.framesCompleted ?? 0) : 0)));
  expect(completed).toBeLessThan(frameCount);
  await eventually(async () => ((await childProcesses('ffmpeg')).length === 0 ? true : undefined), 5_000);
}, MODEL_TEST_TIMEOUT_MS);
