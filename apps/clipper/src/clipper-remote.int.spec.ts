import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobEvent } from '@jetjobs/contracts';
import type { ClipperResult } from './clip';
import { dataOf, logLines, startClipperHarness, type ClipperHarness } from './testing/clipper.harness';
import { MOCK_USAGE, startOpenAiMock, type OpenAiMock } from './testing/openai-mock.harness';
import { probeRenderedClip } from './testing/probe-clip.harness';
import { generateTalkVideo, type TalkVideo } from './testing/talk-video';

const PRICES = { perMinute: 0.006, input: 0.15, output: 0.6 };

describe('clipper with OpenAI-compatible backends (mock server on 127.0.0.1) and a URL source', () => {
  let dir: string;
  let talk: TalkVideo;
  let mock: OpenAiMock;
  let videoServer: Server;
  let videoUrl: string;
  let harness: ClipperHarness;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clipper-remote-'));
    talk = await generateTalkVideo(join(dir, 'talk.mp4'), { paragraphs: 4, dir });
    mock = await startOpenAiMock(talk.spoken);
    videoServer = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'video/mp4' });
      createReadStream(join(dir, 'talk.mp4')).pipe(response);
    });
    await new Promise<void>((resolve) => videoServer.listen(0, '127.0.0.1', resolve));
    videoUrl = `http://127.0.0.1:${(videoServer.address() as AddressInfo).port}/talk.mp4`;
    harness = await startClipperHarness('clipremote', {
      STT_BACKEND: 'openai', STT_API_URL: mock.baseUrl, STT_API_KEY: 'stt-key', STT_MODEL: 'whisper-1', STT_PRICE_PER_MINUTE_USD: String(PRICES.perMinute),
      CAPTION_BACKEND: 'openai', CAPTION_API_URL: mock.baseUrl, CAPTION_API_KEY: 'llm-key', CAPTION_MODEL: 'mini-model',
      CAPTION_PRICE_INPUT_PER_MILLION_TOKENS_USD: String(PRICES.input), CAPTION_PRICE_OUTPUT_PER_MILLION_TOKENS_USD: String(PRICES.output),
    });
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
    await mock?.close();
    videoServer?.close();
    await rm(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    mock.mode = 'normal';
    mock.requests.length = 0;
  });

  async function run(input: unknown): Promise<JobEvent[]> {
    return harness.waitFor(await harness.submit(input));
  }

  it('downloads the URL, transcribes and captions remotely, and prices the job from the usage', async () => {
    const jobId = await harness.submit({ source: { url: videoUrl }, aspect: 'original', burnCaptions: true });
    const events = await harness.waitFor(jobId);
    expect(events.at(-1)?.type).toBe('JobCompleted');
    const { clips, cost_analysis } = dataOf<{ result: ClipperResult }>(events, 'JobCompleted')[0]?.result as ClipperResult;
    expect(clips.length).toBeGreaterThanOrEqual(1);

    const stt = mock.requests.filter((r) => r.path === '/v1/audio/transcriptions');
    expect(stt).toHaveLength(1);
    expect(stt[0]).toMatchObject({ authorization: 'Bearer stt-key', body: { model: 'whisper-1', response_format: 'verbose_json', 'timestamp_granularities[]': 'word' } });
    const chat = mock.requests.filter((r) => r.path === '/v1/chat/completions');
    expect(chat).toHaveLength(clips.length);
    expect(chat[0]).toMatchObject({ authorization: 'Bearer llm-key', body: { model: 'mini-model', response_format: { type: 'json_object' } } });

    for (const clip of clips) {
      expect(clip.title).toMatch(/^Remote title: \w+/);
      expect(clip.video_title_for_youtube_short.length).toBeLessThanOrEqual(100);
    }
    const expectedCost = (talk.durationS / 60) * PRICES.perMinute + clips.length * ((MOCK_USAGE.prompt_tokens * PRICES.input + MOCK_USAGE.completion_tokens * PRICES.output) / 1e6);
    expect(cost_analysis.gemini_api_calls).toBe(clips.length);
    expect(cost_analysis.whisper_duration_seconds).toBeCloseTo(talk.durationS, 0);
    expect(cost_analysis.total_cost).toBeCloseTo(expectedCost, 5);
    expect(logLines(events)).toContain('Downloading video from 127.0.0.1:' + new URL(videoUrl).port + '...');
    // The job's log names the model, never where the platform runs it.
    expect(logLines(events)).toContain('Transcribing audio with whisper-1...');
    expect(logLines(events).join('\n')).not.toContain(new URL(mock.baseUrl).host);

    const file = join(dir, 'remote-clip.mp4');
    await harness.media.download(`clips/${jobId}/clip_1.mp4`, file);
    const info = await probeRenderedClip(file);
    expect(info).toMatchObject({ width: 640, height: 360, hasAudio: true });
    expect(Math.abs(info.durationS - ((clips[0]?.end ?? 0) - (clips[0]?.start ?? 0)))).toBeLessThanOrEqual(0.1);
  }, 180_000);

  it('falls back to extractive captions, and says so, when the model does not answer JSON', async () => {
    mock.mode = 'chat-not-json';
    const upload = await harness.upload(join(dir, 'talk.mp4'));
    const events = await run({ source: { upload }, aspect: 'original' });
    const { clips, cost_analysis } = dataOf<{ result: ClipperResult }>(events, 'JobCompleted')[0]?.result as ClipperResult;
    expect(clips.length).toBeGreaterThanOrEqual(1);
    expect(clips[0]?.title).not.toMatch(/^Remote/);
    expect(clips[0]?.title.trim()).not.toBe('');
    expect(cost_analysis.gemini_api_calls).toBe(clips.length);
    expect(logLines(events)).toContain('Caption model answer for clip 1 was not the expected JSON; using extractive captions instead.');
  }, 180_000);

  it('hands an unavailable transcription service to the retry policy', async () => {
    mock.mode = 'stt-unavailable';
    const jobId = await harness.submit({ source: { upload: await harness.upload(join(dir, 'talk.mp4')) } });
    const events = await harness.waitFor(jobId, (e) => e.type === 'JobAttemptFailed' || e.type === 'JobFailed');
    expect(events.at(-1)).toMatchObject({ type: 'JobAttemptFailed', data: { error: { code: 'model_unavailable', message: expect.stringContaining('answered 503') } } });
  }, 120_000);
});
