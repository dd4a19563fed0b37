import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobEvent } from '@jetjobs/contracts';
import { generateTestVideo, waitForJobEvent } from '@jetjobs/testing';
import type { AvfBackend } from '../backend';
import { resultOf, startAvfTestWorker, type AvfTestWorker } from '../testing/avf-worker.harness';
import { avfModelMetadata, startMockOipServer, type MockOipServer } from '../testing/mock-oip-server.harness';
import { connectKserve } from './connect-kserve';
import { createKserveBackend } from './kserve-backend';
import { OipClient, type OipClientSettings } from './oip-client';

const MODEL = 'avf-sync';
const FRAME_SIZE = 64;
const EXPECTED = { framesInput: 'frames', audioInput: 'audio', output: 'forgery_probability', frameSize: FRAME_SIZE };

describe('avf worker, kserve backend (Open Inference Protocol mock on 127.0.0.1, real NATS)', () => {
  let server: MockOipServer;
  let avf: AvfTestWorker;
  let current: AvfBackend;
  let dir: string;
  let video: string;

  const client = (overrides: Partial<OipClientSettings> = {}) =>
    new OipClient({ url: server.url, model: MODEL, version: null, token: 'secret-token', timeoutMs: 5_000, retries: 3, retryBaseDelayMs: 10, ...overrides });
  async function useBackend(overrides: Partial<OipClientSettings> = {}, binary = true) {
    const oip = client(overrides);
    const contract = await connectKserve(oip, EXPECTED, 2_000, () => undefined);
    current = createKserveBackend(oip, contract, { ...EXPECTED, sampleRate: 16_000, binary, concurrency: 2 });
  }

  beforeAll(async () => {
    server = await startMockOipServer(MODEL, FRAME_SIZE);
    dir = await mkdtemp(join(tmpdir(), 'avf-kserve-'));
    video = join(dir, 'clip.mp4');
    await generateTestVideo(video, { durationS: 2, fps: 25, width: 160, height: 120 });
    // The worker keeps one backend; each test plugs in a client with its own settings.
    avf = await startAvfTestWorker('avfks', { name: 'kserve', analyse: (request) => current.analyse(request), close: async () => undefined });
  });
  afterAll(async () => {
    await avf?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    server.requests.length = 0;
    Object.assign(server.behaviour, { ready: true, unavailableFor: 0, delayMs: 0, refuse: null, probability: () => 0.5 });
  });

  it('checks readiness and the model metadata at start-up, and names every mismatch', async () => {
    await expect(connectKserve(client(), EXPECTED, 2_000, () => undefined)).resolves.toEqual({ fixedFrames: null });

    server.behaviour.metadata = {
      ...server.behaviour.metadata,
      inputs: [
        { name: 'frames', datatype: 'UINT8', shape: [1, 50, 112, 112, 3] },
        { name: 'audio', datatype: 'FP64', shape: [1, -1] },
      ],
      outputs: [{ name: 'logits', datatype: 'FP32', shape: [1, 2] }],
    };
    const mismatch = connectKserve(client(), EXPECTED, 2_000, () => undefined);
    await expect(mismatch).rejects.toThrow(/takes 112x112 frames; set AVF_KSERVE_FRAME_SIZE/);
    await expect(mismatch).rejects.toThrow(/input "audio" is FP64/);
    await expect(mismatch).rejects.toThrow(/no output "forgery_probability" \(it has: logits\)/);
    server.behaviour.metadata = avfModelMetadata(MODEL, FRAME_SIZE);

    server.behaviour.ready = false;
    await expect(connectKserve(client(), EXPECTED, 1_500, () => undefined)).rejects.toThrow(/not ready after 1.5 s: GET \/v2\/health\/ready answered HTTP 503/);
  });

  it('sends each sequence as frame and audio tensors and aggregates the probabilities it gets back', async () => {
    await useBackend();
    server.behaviour.probability = (_request, index) => [0.9, 0.7][index] ?? 0;
    const jobId = await avf.submit(video, { filename: 'clip.mp4', sequenceLength: 25 });
    const result = resultOf(await avf.finish(jobId)) as { prediction: string; score: number; metadata: Record<string, unknown> };

    expect(result).toMatchObject({ success: true, message: 'Inference completed successfully', prediction: 'fake', score: 0.8 });
    expect(result.metadata).toMatchObject({ backend: 'kserve', model: { name: MODEL, version: null }, sequence_length: 25, video_frames: 50, request_id: jobId, sequences_analysed: 2 });
    expect(server.requests.map((r) => r.id).sort()).toEqual([`${jobId}-0`, `${jobId}-1`]);
    for (const request of server.requests) {
      expect(request).toMatchObject({ binary: true, authorization: 'Bearer secret-token' });
      expect(request.inputs).toEqual([
        { name: 'frames', datatype: 'UINT8', shape: [1, 25, FRAME_SIZE, FRAME_SIZE, 3], values: 25 * FRAME_SIZE * FRAME_SIZE * 3 },
        { name: 'audio', datatype: 'FP32', shape: [1, 16_000], values: 16_000 },
      ]);
    }
  });

  it('also speaks plain JSON tensors', async () => {
    await useBackend({}, false);
    server.behaviour.probability = () => 0.1;
    const result = resultOf(await avf.finish(await avf.submit(video, { sequenceLength: 50 })));
    expect(result).toMatchObject({ prediction: 'real', score: 0.1 });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.binary).toBe(false);
  });

  it('retries transient errors within the attempt', async () => {
    await useBackend();
    server.behaviour.unavailableFor = 2;
    const result = resultOf(await avf.finish(await avf.submit(video, { sequenceLength: 50 })));
    expect(result).toMatchObject({ prediction: 'fake', score: 0.5 });
  });

  it('fails the attempt as retryable when the server stays unavailable or times out', async () => {
    await useBackend({ retries: 1 });
    server.behaviour.unavailableFor = 100;
    const unavailable = await attemptFailure(await avf.submit(video));
    // The server's own words ("model is loading") go to the service log, not the client.
    expect(unavailable).toEqual({ code: 'inference_unavailable', message: 'The model server is unavailable (HTTP 503); a later attempt may succeed' });

    await useBackend({ retries: 1, timeoutMs: 300 });
    server.behaviour.unavailableFor = 0;
    server.behaviour.delayMs = 1_000;
    const timedOut = await attemptFailure(await avf.submit(video));
    expect(timedOut).toEqual({ code: 'inference_unavailable', message: 'The model server is unavailable (timed out); a later attempt may succeed' });
  });

  it('fails the job at once, not retried, when the server refuses the request', async () => {
    await useBackend();
    server.behaviour.refuse = { status: 400, error: 'unexpected shape for input "frames"' };
    const events = await avf.finish(await avf.submit(video));
    expect(events.map((e) => e.type)).not.toContain('JobAttemptFailed');
    // What the server said of the input is for the operator's log, not the client.
    expect(events.at(-1)).toMatchObject({ type: 'JobFailed', data: { error: { code: 'inference_rejected', message: 'The model server refused the request (HTTP 400)' } } });
  });

  async function attemptFailure(jobId: string) {
    const events: JobEvent[] = await waitForJobEvent(avf.events.store, jobId, (e) => e.type === 'JobAttemptFailed' || e.type === 'JobFailed', 60_000);
    const last = events.at(-1)!;
    expect(last.type).toBe('JobAttemptFailed');
    return (last.data as { error: unknown }).error;
  }
});
