import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Objm } from '@nats-io/obj';
import { createGatewayApp } from '../../gateway-app';
import type { JobJson } from '@jetjobs/dialects';
import { mediaOwnerMetadata } from '@jetjobs/contracts';
import { fakeWorker } from '../../testing/fake-worker';
import { errorOf, jsonPost, startTestGateway, type TestGateway } from '../../testing/test-gateway';
import { startTestRegistry, type TestRegistry } from '../../testing/test-registry';
import { fileForm, mp4Bytes } from '../../testing/video-fixtures';

/** A public address written as a literal, so the URL check needs no DNS (nothing connects to it). */
const PUBLIC_URL = 'https://93.184.215.14/talks/keynote.mp4';

/** Two clips as the worker reports them: one names its rendered file, one gives its URL. */
const clipOne = {
  file: 'video_123_clip_1.mp4',
  title: 'Mind-Blowing AI Secret!',
  video_description_for_tiktok: 'This AI trick will change everything! #ai #tech #viral',
  video_description_for_instagram: 'You won’t believe what AI can do now 🤯 #ai #tech #reels',
  video_title_for_youtube_short: `AI Secret That Shocked Everyone ${'!'.repeat(120)}`,
  start: 45.2,
  end: 68.5,
  virality_score: 87,
};
const clipTwo = (jobId: string) => ({
  video_url: `/videos/${jobId}/video_123_clip_2.mp4`,
  title: 'This Changes Everything',
  video_description_for_tiktok: 'Wait for the ending 😱 #viral #mindblown',
  video_description_for_instagram: 'The plot twist at the end! 🔥 #viral #trending',
  video_title_for_youtube_short: 'The Ending Will Shock You',
  start: 120.0,
  end: 155.3,
  virality_score: 92,
});
const COST = { total_cost: 0.0042, gemini_api_calls: 3, whisper_duration_seconds: 180 };

interface ClipperStatusJson {
  status: string;
  logs: string[];
  result: { clips: Record<string, unknown>[]; cost_analysis: Record<string, number> } | null;
}

// Conformance with seeds/clipper-status.txt and the clipper section of seeds/README.md.
describe('clipper API', () => {
  let gw: TestGateway;
  let registry: TestRegistry;
  let token: string;
  beforeAll(async () => {
    gw = await startTestGateway('gwclip');
    registry = await startTestRegistry(gw.config.JETJOBS_NAMESPACE);
    token = gw.token(['clips:process', 'job:read']);
  }, 30_000);
  afterAll(async () => {
    await gw.close();
    await registry?.close();
  });

  const post = (init: RequestInit & { token?: string }) => gw.request('/api/process', { method: 'POST', ...init, token: init.token ?? token });
  const processUrl = (url: unknown, as = token) => gw.request('/api/process', jsonPost({ url }, as));
  const submit = async (): Promise<string> => {
    const response = await processUrl(PUBLIC_URL);
    expect(response.status).toBe(200);
    return ((await response.json()) as { job_id: string }).job_id;
  };
  const status = async (jobId: string, as = token): Promise<ClipperStatusJson> => {
    const response = await gw.request(`/api/status/${jobId}`, { token: as });
    expect(response.status).toBe(200);
    return (await response.json()) as ClipperStatusJson;
  };
  const nativeJob = async (jobId: string, as = token) => (await (await gw.request(`/v1/jobs/${jobId}`, { token: as })).json()) as JobJson;

  describe('POST /api/process', () => {
    it('takes a JSON {url} and answers {job_id, status: "queued"}', async () => {
      const response = await processUrl(PUBLIC_URL);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { job_id: string };
      expect(body).toEqual({ job_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/), status: 'queued' });
      expect(Object.keys(body)).toEqual(['job_id', 'status']);
      expect(await nativeJob(body.job_id)).toMatchObject({
        kind: 'clipper',
        input: { source: { url: PUBLIC_URL }, aspect: 'vertical', burnCaptions: false },
      });
    });

    it('takes a multipart file, stored in the object store', async () => {
      const response = await post({ body: fileForm(mp4Bytes(8192), 'podcast.mp4') });
      expect(response.status).toBe(200);
      const { job_id: jobId } = (await response.json()) as { job_id: string };
      const job = await nativeJob(jobId);
      expect(job.input).toMatchObject({ source: { upload: { filename: 'podcast.mp4', size: 8192, contentType: 'video/mp4' } } });
    });

    it('takes the URL as a form field too', async () => {
      const form = new FormData();
      form.append('url', PUBLIC_URL);
      const response = await post({ body: form });
      expect(response.status).toBe(200);
    });

    it('refuses both a file and a url with 400, and keeps no upload', async () => {
      const bucket = await new Objm(gw.events.nc).open(gw.events.names.mediaBucket);
      const live = async () => (await bucket.list()).filter((info) => !info.deleted).length;
      const before = await live();
      const error = await errorOf(await post({ body: fileForm(mp4Bytes(4096), 'v.mp4', 'video/mp4', { url: PUBLIC_URL }) }));
      expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(error.message).toContain('Both a "file" and a "url"');
      expect(await live()).toBe(before);
    });

    it.each([
      ['an empty JSON object', () => jsonPost({}), 'url: is required'],
      ['an empty form', () => ({ body: new FormData() }), 'No video was sent'],
      ['a body of another type', () => ({ body: 'https://example.com/v.mp4', headers: { 'content-type': 'text/plain' } }), 'Unsupported Content-Type'],
      ['no body at all', () => ({}), 'exactly one video'],
      ['a url that is not a string', () => jsonPost({ url: 42 }), 'url: must be a string'],
    ])('refuses %s with 400 naming both accepted forms', async (_case, init, message) => {
      const error = await errorOf(await post(init()));
      expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(error.message).toContain(message);
      expect(error.message).toContain('"file"');
    });

    it.each([
      ['ftp://93.184.215.14/v.mp4', 'scheme'],
      ['file:///etc/passwd', 'scheme'],
      ['not a url', 'not a valid URL'],
      ['http://127.0.0.1:8080/v.mp4', 'public internet'],
      ['http://169.254.169.254/latest/meta-data/', 'public internet'],
      ['http://[::1]/v.mp4', 'public internet'],
    ])('refuses the URL %s with 400', async (url, message) => {
      const error = await errorOf(await processUrl(url));
      expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(error.message).toContain(message);
    });

    it('refuses malformed JSON with 400 and a missing scope with 403', async () => {
      expect(await errorOf(await post({ body: '{"url": ', headers: { 'content-type': 'application/json' } }))).toMatchObject({ status: 400, code: 'malformed_json' });
      const error = await errorOf(await processUrl(PUBLIC_URL, gw.token(['job:read'])));
      expect(error).toMatchObject({ status: 403, code: 'forbidden' });
      expect(error.message).toContain('clips:process');
    });

    it('requires a credential by default', async () => {
      expect(await errorOf(await gw.request('/api/process', jsonPost({ url: PUBLIC_URL })))).toMatchObject({ status: 401, code: 'unauthorized' });
      expect((await errorOf(await gw.request(`/api/status/${randomUUID()}`))).status).toBe(401);
    });
  });

  describe('GET /api/status/:job_id', () => {
    it('shows a queued job with its queueing log line and no result', async () => {
      const jobId = await submit();
      const body = await status(jobId);
      expect(body).toEqual({ status: 'queued', logs: [`Job ${jobId} queued.`], result: null });
      expect(Object.keys(body)).toEqual(['status', 'logs', 'result']);
    });

    it('grows the logs line by line while the job runs', async () => {
      const jobId = await submit();
      const worker = fakeWorker(gw.events.store, jobId);
      await worker.start();
      const lines = ['Job started by worker.', 'Downloading video from YouTube...', 'Transcribing audio with Whisper...', 'Detecting scenes with PySceneDetect...'];
      const seen: string[][] = [];
      for (const line of lines) {
        await worker.log(line);
        const body = await status(jobId);
        expect(body).toMatchObject({ status: 'processing', result: null });
        seen.push(body.logs);
      }
      expect(seen.map((logs) => logs.length)).toEqual([2, 3, 4, 5]);
      expect(seen.at(-1)).toEqual([`Job ${jobId} queued.`, ...lines]);
    });

    it('fills result.clips clip by clip before completion, then gives the final result', async () => {
      const jobId = await submit();
      const worker = fakeWorker(gw.events.store, jobId);
      await worker.start();
      await worker.log('Analyzing viral moments with Gemini AI...');

      await worker.output(clipOne);
      const one = await status(jobId);
      expect(one.status).toBe('processing');
      expect(one.result?.clips).toHaveLength(1);
      expect(one.result?.clips[0]?.['video_url']).toBe(`/videos/${jobId}/video_123_clip_1.mp4`);
      expect(one.result?.cost_analysis).toEqual({ total_cost: 0, gemini_api_calls: 0, whisper_duration_seconds: 0 });

      await worker.output(clipTwo(jobId));
      const two = await status(jobId);
      expect(two.result?.clips.map((clip) => clip['title'])).toEqual(['Mind-Blowing AI Secret!', 'This Changes Everything']);

      await worker.log('Process finished successfully.');
      await worker.complete({ clips: [clipOne, clipTwo(jobId)], cost_analysis: COST });
      const done = await status(jobId);
      expect(done.status).toBe('completed');
      expect(done.logs.at(-1)).toBe('Process finished successfully.');
      expect(done.result).toEqual({
        clips: [
          {
            video_url: `/videos/${jobId}/video_123_clip_1.mp4`,
            title: clipOne.title,
            video_description_for_tiktok: clipOne.video_description_for_tiktok,
            video_description_for_instagram: clipOne.video_description_for_instagram,
            video_title_for_youtube_short: clipOne.video_title_for_youtube_short.slice(0, 100),
            start: 45.2,
            end: 68.5,
            virality_score: 87,
          },
          { ...clipTwo(jobId) },
        ],
        cost_analysis: COST,
      });
      for (const clip of done.result!.clips) {
        expect(Object.keys(clip)).toEqual([
          'video_url', 'title', 'video_description_for_tiktok', 'video_description_for_instagram', 'video_title_for_youtube_short', 'start', 'end', 'virality_score',
        ]);
        expect(String(clip['video_title_for_youtube_short']).length).toBeLessThanOrEqual(100);
        expect(clip['virality_score']).toEqual(expect.any(Number));
      }
      expect(Object.keys(done.result!)).toEqual(['clips', 'cost_analysis']);
    });

    it('shows a failed job with the error as the last log line and no result', async () => {
      const jobId = await submit();
      const worker = fakeWorker(gw.events.store, jobId);
      await worker.start();
      await worker.log('Downloading video from YouTube...');
      await worker.log('Process failed with exit code 1');
      await worker.fail('yt-dlp download failed');
      expect(await status(jobId)).toEqual({
        status: 'failed',
        logs: [`Job ${jobId} queued.`, 'Downloading video from YouTube...', 'Process failed with exit code 1', 'Execution error: yt-dlp download failed'],
        result: null,
      });
    });

    it('shows a cancelled job as failed', async () => {
      const jobId = await submit();
      await fakeWorker(gw.events.store, jobId).cancel('stopped by the operator');
      const body = await status(jobId);
      expect(body).toMatchObject({ status: 'failed', result: null });
      expect(body.logs.at(-1)).toBe('Job cancelled: stopped by the operator');
    });

    it('answers 404 for an unknown job, a malformed id, another project, and a job of another API', async () => {
      const jobId = await submit();
      const native = await gw.request('/v1/jobs', jsonPost({ kind: 'echo', input: {} }, gw.token(['job:write'])));
      const echoId = ((await native.json()) as { id: string }).id;
      for (const [id, as] of [[randomUUID(), token], ['nope', token], [jobId, gw.token(['job:read'], 'project-b')], [echoId, token]] as const) {
        const error = await errorOf(await gw.request(`/api/status/${id}`, { token: as }));
        expect(error).toMatchObject({ status: 404, code: 'job_not_found' });
      }
    });
  });

  describe('with JETJOBS_ANONYMOUS_CLIPPER_PROJECT (and a small upload limit)', () => {
    let open: INestApplication;
    let openUrl: string;
    beforeAll(async () => {
      open = await createGatewayApp({ ...gw.config, JETJOBS_ANONYMOUS_CLIPPER_PROJECT: 'anon-clips', JETJOBS_MAX_UPLOAD_BYTES: 4096 }, { logger: ['error'] });
      await open.listen(0, '127.0.0.1');
      openUrl = await open.getUrl();
    });
    afterAll(() => open.close());

    it('lets unauthenticated clipper calls act as that project, like the open original', async () => {
      const response = await fetch(`${openUrl}/api/process`, { method: 'POST', body: JSON.stringify({ url: PUBLIC_URL }), headers: { 'content-type': 'application/json' } });
      expect(response.status).toBe(200);
      const { job_id: jobId } = (await response.json()) as { job_id: string };
      const polled = await fetch(`${openUrl}/api/status/${jobId}`);
      expect(await polled.json()).toEqual({ status: 'queued', logs: [`Job ${jobId} queued.`], result: null });
      expect((await nativeJob(jobId, gw.token(['job:read'], 'anon-clips'))).id).toBe(jobId);
      // Another project's jobs stay invisible to anonymous callers.
      expect((await fetch(`${openUrl}/api/status/${await submit()}`)).status).toBe(404);
    });

    it('serves the clips of the anonymous project without a credential', async () => {
      const response = await fetch(`${openUrl}/api/process`, { method: 'POST', body: JSON.stringify({ url: PUBLIC_URL }), headers: { 'content-type': 'application/json' } });
      const { job_id: jobId } = (await response.json()) as { job_id: string };
      const bucket = await new Objm(gw.events.nc).open(gw.events.names.mediaBucket);
      await bucket.putBlob({ name: `clips/${jobId}/clip_1.mp4`, metadata: mediaOwnerMetadata({ projectId: 'anon-clips', jobId, purpose: 'output' }) }, mp4Bytes(2048));
      const clip = await fetch(`${openUrl}/videos/${jobId}/clip_1.mp4`, { headers: { range: 'bytes=0-7' } });
      expect([clip.status, clip.headers.get('content-type'), Buffer.from(await clip.arrayBuffer())]).toEqual([206, 'video/mp4', Buffer.from(mp4Bytes(8))]);
    });

    it('still refuses a bad credential instead of treating it as anonymous', async () => {
      const response = await fetch(`${openUrl}/api/process`, { method: 'POST', body: JSON.stringify({ url: PUBLIC_URL }), headers: { 'content-type': 'application/json', authorization: 'Bearer nope' } });
      expect((await errorOf(response)).status).toBe(401);
    });

    it('keeps the other APIs closed', async () => {
      expect((await fetch(`${openUrl}/v1/jobs`)).status).toBe(401);
      expect((await fetch(`${openUrl}/api-gateway/avf/status/${randomUUID()}`)).status).toBe(401);
    });

    it('refuses a file over JETJOBS_MAX_UPLOAD_BYTES with 413', async () => {
      const response = await fetch(`${openUrl}/api/process`, { method: 'POST', body: fileForm(mp4Bytes(8192)) });
      expect(await errorOf(response)).toMatchObject({ status: 413, code: 'payload_too_large' });
    });
  });
});
